#!/usr/bin/env bash
# Runs every test on a fresh machine: installs what the tests need (Redis and Chromium from Debian's packages;
# nginx comes with the smoke load test's local cluster), builds the solution (which builds the web pages with
# npm), runs the test projects, the pages' client-module tests and the smoke load test, and ends with one line
# "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")"

need=()
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v npm >/dev/null 2>&1 || need+=(nodejs npm)
if [ ${#need[@]} -gt 0 ]; then
  echo "Cài đặt / installing: ${need[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
# The tests start their own redis-server processes on free ports; the system service is not needed.
# The browser tests drive Debian's Chromium; Playwright must never download a browser of its own.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build EventHub.sln -c Release -nologo -clp:ErrorsOnly

log=$(mktemp)
status=0
for project in tests/EventHub.Domain.Tests tests/EventHub.Tests tests/EventHub.Browser.Tests; do
  dotnet test "$project" -c Release --no-build --nologo 2>&1 | tee -a "$log" || status=1
done

passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')

# The pages' client module, with node's test runner (the build ran npm ci); its summary shows the counts.
node_log=$(mktemp)
(cd src/EventHub/ClientApp && npm test --silent) 2>&1 | tee "$node_log" || status=1
passed=$((passed + $(grep -Eo '^ℹ pass [0-9]+' "$node_log" | awk '{s+=$3} END {print s+0}')))
failed=$((failed + $(grep -Eo '^ℹ fail [0-9]+' "$node_log" | awk '{s+=$3} END {print s+0}')))
rm -f "$node_log"

# The smoke load test: two nodes on Redis behind nginx, 62 hosts + 124 delegates, 15 s. It checks correctness
# only (nothing lost, repeated or out of order; every acknowledged command in the log), never speed.
if loadtests/run.sh smoke --no-baseline; then
  passed=$((passed + 1)); echo "Load test smoke: passed"
else
  failed=$((failed + 1)); status=1; echo "Load test smoke: FAILED (see loadtests/results/smoke/report.md)"
fi
rm -f "$log"
echo "${passed} passed, ${failed} failed"
if [ "$passed" -eq 0 ]; then status=1; fi
exit $status
