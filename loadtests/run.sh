#!/usr/bin/env bash
# One command per scenario: starts what it needs on this machine (Redis, N hub nodes and nginx through
# deploy/local-cluster.sh, and the same topology running the bare SignalR hub for the baseline), runs the
# scenario, stops everything, and leaves loadtests/results/SCENARIO/{summary.json,report.md,latency.png}.
#
#   loadtests/run.sh SCENARIO [--delegates-per-site N] [--duration S] [--nodes N] [--protocol msgpack|json] [--no-baseline] [--no-churn] [--slices N] [--warmup S] [--stall S]
#
# SCENARIO: smoke | checkin-storm | forum-day | failover | redis-restart. --stall S (redis-restart): Redis also stops
# answering for S seconds (SIGSTOP, then SIGCONT), a third of the way in; the restart comes two thirds in. Exit 0
# when nothing was lost, repeated or out of order, every acknowledged command is in the log, no command was answered
# server.error and no node exited on its own; 1 otherwise; 2 for a usage error.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

usage() { sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; }
[[ $# -ge 1 ]] || { usage >&2; exit 2; }
scenario="$1"; shift
case "$scenario" in smoke|checkin-storm|forum-day|failover|redis-restart) ;; -h|--help) usage; exit 0 ;;
  *) echo "unknown scenario '$scenario'" >&2; usage >&2; exit 2 ;; esac

nodes=2 baseline=1 stall=0 runner_args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --nodes) nodes="${2:?--nodes N}"; shift 2 ;;
    --delegates-per-site|--duration|--protocol|--slices|--warmup) runner_args+=("$1" "${2:?$1 needs a value}"); shift 2 ;;
    --no-baseline) baseline=0; shift ;;
    --no-churn) runner_args+=("$1"); shift ;;
    --stall) stall="${2:?--stall S}"; [[ "$stall" =~ ^[1-9][0-9]*$ ]] || { echo "--stall takes whole seconds" >&2; exit 2; }; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown option '$1'" >&2; usage >&2; exit 2 ;;
  esac
done
if (( stall )) && [[ "$scenario" != redis-restart ]]; then echo "--stall is for redis-restart" >&2; exit 2; fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
cluster="$ROOT/deploy/local-cluster.sh"
hub_run="$ROOT/.run/load-hub"
bare_run="$ROOT/.run/load-bare"
stop_all() {
  EVENTHUB_RUN_DIR="$hub_run" "$cluster" down --purge >/dev/null 2>&1 || true
  EVENTHUB_RUN_DIR="$bare_run" "$cluster" down --purge >/dev/null 2>&1 || true
}
trap stop_all EXIT
stop_all

runner="$ROOT/.run/load-runner"
echo "Dựng / publishing the load runner (Release) ..." >&2
dotnet publish loadtests/EventHub.LoadTests -c Release -o "$runner" --nologo -v q -clp:ErrorsOnly >&2

quiet=(--env Logging__LogLevel__Default=Warning --env Logging__LogLevel__Microsoft.Hosting.Lifetime=Warning)
hub_url=$(EVENTHUB_RUN_DIR="$hub_run" "$cluster" up --nodes "$nodes" --port 8180 --base-port 5181 --redis-port 6390 \
  --prefix "load-$scenario" "${quiet[@]}" | tail -n1)
pids=$(cat "$hub_run"/nodes/*/node.pid | paste -sd, -)

fault=()
case "$scenario" in
  failover) fault=(--fault "EVENTHUB_RUN_DIR='$hub_run' '$cluster' kill-node 1") ;;
  redis-restart)
    (( stall )) && fault=(--fault "EVENTHUB_RUN_DIR='$hub_run' '$cluster' stall-redis $stall")
    fault+=(--fault "EVENTHUB_RUN_DIR='$hub_run' '$cluster' restart-redis --kill --down-for 3") ;;
esac

bare=()
if (( baseline )); then
  bare_url=$(EVENTHUB_RUN_DIR="$bare_run" "$cluster" up --app bare --nodes "$nodes" --port 8190 --base-port 5191 \
    --redis-port 6391 "${quiet[@]}" | tail -n1)
  bare=(--bare "$bare_url")
fi

status=0
# The generator holds thousands of WebSockets in one process, each receive in a pooled buffer: the shared array
# pool keeps 32 buffers of a size per core by default, so nearly every receive allocated a new one (perf: 5-8 % of
# the machine in the generator's allocations). Both hubs' clients run in this process, so both gain alike.
export DOTNET_SYSTEM_BUFFERS_SHAREDARRAYPOOL_MAXARRAYSPERPARTITION=4096
dotnet "$runner/EventHub.LoadTests.dll" "$scenario" \
  --hub "$hub_url" --credentials "$hub_run/credentials.json" --node-pids "$pids" --nodes "$nodes" \
  --out "$ROOT/loadtests/results" "${bare[@]}" "${fault[@]}" "${runner_args[@]}" || status=$?
exit "$status"
