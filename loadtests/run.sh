#!/usr/bin/env bash
# One command per scenario: starts what it needs on this machine (Redis, N hub nodes and nginx through
# deploy/local-cluster.sh, and the same topology running the bare SignalR hub for the baseline), runs the
# scenario, stops everything, and leaves loadtests/results/SCENARIO/{summary.json,report.md,latency.png}.
#
#   loadtests/run.sh SCENARIO [--repeat N] [--delegates-per-site N] [--duration S] [--nodes N] [--protocol msgpack|json] [--no-baseline] [--no-churn] [--slices N] [--warmup S] [--machine-clock] [--stall S]
#
# qa-storm[-failover] also takes [--vote-seconds S] [--votes-per-delegate N]; its --duration is the ask window.
# SCENARIO: smoke | checkin-storm | forum-day | failover | redis-restart | reconnect-storm | qa-storm | qa-storm-failover. --repeat N runs it N
# times and writes the median and range of every figure (runs/1..N keep each run). --stall S (redis-restart): Redis
# also stops answering for S seconds (SIGSTOP, then SIGCONT), a third of the way in; the restart comes two thirds in.
# Exit 0 when nothing was lost, repeated or out of order, every acknowledged command is in the log, no command was
# answered server.error or rate.limited and no node exited on its own (in every run); 1 otherwise; 2 for a usage error.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

usage() { sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; }

# loadtests/run.sh log-append [--callers 1,16,64,256] [--seconds S]: how many appends a second the forum log acknowledges
# on Redis with appendfsync always, for N concurrent callers, one command per write against group commit, beside
# redis-benchmark's RPUSH on the same Redis at the same concurrency. Redis alone (no hub, no balancer) on port 6392.
if [[ "${1:-}" == log-append ]]; then
  shift
  bench_args=()
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --callers|--seconds) bench_args+=("$1" "${2:?$1 needs a value}"); shift 2 ;;
      *) echo "log-append takes --callers N,N,... and --seconds S" >&2; exit 2 ;;
    esac
  done
  bench_dir="$ROOT/.run/log-append"
  rm -rf "$bench_dir"; mkdir -p "$bench_dir/data"
  redis-server --bind 127.0.0.1 --port 6392 --dir "$bench_dir/data" --appendonly yes --appendfsync always \
    --aof-use-rdb-preamble yes --save "" --logfile "$bench_dir/redis.log" --daemonize no &
  bench_redis=$!
  trap 'kill "$bench_redis" 2>/dev/null || true' EXIT
  for _ in $(seq 100); do redis-cli -p 6392 ping >/dev/null 2>&1 && break; sleep 0.1; done
  echo "Dựng / publishing the log benchmark (Release) ..." >&2
  dotnet publish loadtests/LogAppend -c Release -o "$bench_dir/tool" --nologo -v q -clp:ErrorsOnly >&2
  dotnet "$bench_dir/tool/LogAppend.dll" --redis 127.0.0.1:6392 --out "$ROOT/loadtests/results/log-append" "${bench_args[@]}"
  exit $?
fi
[[ $# -ge 1 ]] || { usage >&2; exit 2; }
scenario="$1"; shift
all_args=("$@")
case "$scenario" in smoke|checkin-storm|forum-day|failover|redis-restart|reconnect-storm|qa-storm|qa-storm-failover) ;; -h|--help) usage; exit 0 ;;
  *) echo "unknown scenario '$scenario'" >&2; usage >&2; exit 2 ;; esac

nodes=2 baseline=1 repeat=1 stall=0 runner_args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --repeat) repeat="${2:?--repeat N}"; [[ "$repeat" =~ ^[1-9][0-9]*$ ]] || { echo "--repeat needs a count of 1 or more" >&2; exit 2; }; shift 2 ;;
    --nodes) nodes="${2:?--nodes N}"; shift 2 ;;
    --delegates-per-site|--duration|--protocol|--slices|--warmup) runner_args+=("$1" "${2:?$1 needs a value}"); shift 2 ;;
    --vote-seconds|--votes-per-delegate) [[ "$scenario" == qa-storm* ]] || { echo "$1 is for qa-storm" >&2; exit 2; }
      runner_args+=("$1" "${2:?$1 needs a value}"); shift 2 ;;
    --no-baseline) baseline=0; shift ;;
    --no-churn|--machine-clock) runner_args+=("$1"); shift ;;
    --stall) stall="${2:?--stall S}"; [[ "$stall" =~ ^[1-9][0-9]*$ ]] || { echo "--stall takes whole seconds" >&2; exit 2; }; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown option '$1'" >&2; usage >&2; exit 2 ;;
  esac
done
if (( stall )) && [[ "$scenario" != redis-restart ]]; then echo "--stall is for redis-restart" >&2; exit 2; fi
# qa-storm: --duration is the ask window; the votes come in one piece after it (no turns, no warm-up).
if [[ "$scenario" == qa-storm* ]]; then
  for a in "${runner_args[@]}"; do
    case "$a" in --slices|--warmup|--machine-clock) echo "$a is not for $scenario" >&2; exit 2 ;; esac
  done
fi

if (( repeat > 1 )); then
  # Each run is this script once more (the same options, without --repeat); the runs' summaries are then folded
  # into one: a target is met when the median of the runs meets it.
  once=() skip=0
  for a in "${all_args[@]}"; do
    if (( skip )); then skip=0; continue; fi
    if [[ "$a" == --repeat ]]; then skip=1; continue; fi
    once+=("$a")
  done
  results="$ROOT/loadtests/results" runs="$ROOT/loadtests/results/.runs-$scenario"
  rm -rf "$runs"; mkdir -p "$runs"
  status=0
  for ((k = 1; k <= repeat; k++)); do
    echo "[$scenario] lần chạy / run $k of $repeat" >&2
    EVENTHUB_LOAD_RUNNER_BUILT=$(( k > 1 )) "$0" "$scenario" "${once[@]}" || status=1
    if [[ -d "$results/$scenario" ]]; then mv "$results/$scenario" "$runs/$k"; fi
  done
  mkdir -p "$results/$scenario"
  mv "$runs" "$results/$scenario/runs"
  dotnet "$ROOT/.run/load-runner/EventHub.LoadTests.dll" summarise-repeats "$results/$scenario" || status=1
  exit "$status"
fi

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
if [[ "${EVENTHUB_LOAD_RUNNER_BUILT:-0}" != 1 ]]; then
  echo "Dựng / publishing the load runner (Release) ..." >&2
  dotnet publish loadtests/EventHub.LoadTests -c Release -o "$runner" --nologo -v q -clp:ErrorsOnly >&2
fi

quiet=(--env Logging__LogLevel__Default=Warning --env Logging__LogLevel__Microsoft.Hosting.Lifetime=Warning)
# Every simulated person logs in from this machine's one address: the per-address limit of /api/token (sized for
# a site's people behind one NAT) is lifted; every other limit stays at its default, which forum-day must not meet.
limits=(--env EventHub__RateLimits__TokenPerAddressPerMinute=1000000)
hub_url=$(EVENTHUB_RUN_DIR="$hub_run" "$cluster" up --nodes "$nodes" --port 8180 --base-port 5181 --redis-port 6390 \
  --prefix "load-$scenario" "${quiet[@]}" "${limits[@]}" | tail -n1)
pids=$(cat "$hub_run"/nodes/*/node.pid | paste -sd, -)
# Each node's management port (local-cluster.sh: base port + 1000 + K - 1), for the hub's own time per call.
node_metrics=$(for ((k = 1; k <= nodes; k++)); do printf 'http://127.0.0.1:%s\n' $((6181 + k - 1)); done | paste -sd, -)
redis_pid=$(cat "$hub_run/redis/redis.pid")

fault=()
case "$scenario" in
  failover) fault=(--fault "EVENTHUB_RUN_DIR='$hub_run' '$cluster' kill-node 1") ;;
  redis-restart)
    (( stall )) && fault=(--fault "EVENTHUB_RUN_DIR='$hub_run' '$cluster' stall-redis $stall")
    fault+=(--fault "EVENTHUB_RUN_DIR='$hub_run' '$cluster' restart-redis --kill --down-for 3") ;;
  reconnect-storm) fault=(--fault "EVENTHUB_RUN_DIR='$hub_run' '$cluster' restart-balancer --down-for 1") ;;
  qa-storm-failover) fault=(--fault "EVENTHUB_RUN_DIR='$hub_run' '$cluster' kill-node 1") ;;
esac

bare=()
if (( baseline )); then
  bare_url=$(EVENTHUB_RUN_DIR="$bare_run" "$cluster" up --app bare --nodes "$nodes" --port 8190 --base-port 5191 \
    --redis-port 6391 "${quiet[@]}" | tail -n1)
  bare=(--bare "$bare_url" --bare-pids "$(cat "$bare_run"/nodes/*/node.pid | paste -sd, -)")
  # The same storm for the bare hub's crowd, after its replay: how long the framework alone takes to bring it back.
  [[ "$scenario" == reconnect-storm ]] && bare+=(--bare-fault "EVENTHUB_RUN_DIR='$bare_run' '$cluster' restart-balancer --down-for 1")
fi

status=0
# The generator holds thousands of WebSockets in one process, each receive in a pooled buffer: the shared array
# pool keeps 32 buffers of a size per core by default, so nearly every receive allocated a new one (perf: 5-8 % of
# the machine in the generator's allocations). Both hubs' clients run in this process, so both gain alike.
export DOTNET_SYSTEM_BUFFERS_SHAREDARRAYPOOL_MAXARRAYSPERPARTITION=4096
# The generator's own pauses are measured as both hubs' latency: with the default young generation its collections
# stopped it for 0.18 s of every second at 100 per site (each over 0.2 s, the time to scan its 6,000 clients' old
# objects), and every delivery, answer and reconnect waited through them. A 512 MB young generation (the machine has
# 24 GB) collects a few times a minute: 0.03 s a second (dotnet-counters, System.Runtime, gc.pause.time).
export DOTNET_GCgen0size=0x20000000
dotnet "$runner/EventHub.LoadTests.dll" "$scenario" \
  --hub "$hub_url" --credentials "$hub_run/credentials.json" --node-pids "$pids" --node-metrics "$node_metrics" --redis-pid "$redis_pid" --nodes "$nodes" \
  --out "$ROOT/loadtests/results" "${bare[@]}" "${fault[@]}" "${runner_args[@]}" || status=$?
exit "$status"
