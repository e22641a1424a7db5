#!/usr/bin/env bash
# Offline checks of everything in deploy/ that can be checked without Docker or Kubernetes:
#   a lint of the scripts with ShellCheck (when installed), `nginx -t` of the Compose nginx.conf (host names
#   replaced by 127.0.0.1) and of the local cluster's rendered from it (when nginx is installed), `bash -n`, the
#   Compose file against the compose-spec schema and the Kubernetes manifests against the API models (npm ci in
#   deploy/check, from its lock file).
set -euo pipefail
DEPLOY="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
fail=0

for s in "$DEPLOY/local-cluster.sh" "$DEPLOY/make-credentials.sh" "$DEPLOY/check.sh"; do
  bash -n "$s" || fail=1
done
if command -v shellcheck >/dev/null 2>&1; then
  if shellcheck "$DEPLOY/local-cluster.sh" "$DEPLOY/make-credentials.sh" "$DEPLOY/check.sh"; then echo "shellcheck: clean"; else fail=1; fi
else
  echo "shellcheck: not installed, skipped (apt-get install -y shellcheck)"
fi

nginx_bin="$(command -v nginx || true)"; [[ -z "$nginx_bin" && -x /usr/sbin/nginx ]] && nginx_bin=/usr/sbin/nginx
if [[ -n "$nginx_bin" ]]; then
  tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
  mkdir -p "$tmp/logs"
  { echo "pid $tmp/nginx.pid;"
    sed -e 's/hub[0-9]*:8080/127.0.0.1:9/' -e "s|/var/log/nginx|$tmp/logs|" -e 's/listen 8080/listen 127.0.0.1:9/' \
      "$DEPLOY/compose/nginx.conf"; } > "$tmp/nginx.conf"
  if "$nginx_bin" -t -q -p "$tmp" -c "$tmp/nginx.conf" -g "error_log $tmp/logs/error.log;" ; then
    echo "nginx -t: compose/nginx.conf is valid"
  else fail=1; fi
  # The local cluster's, rendered from the same file, in both stickiness modes.
  for sticky in cookie ip; do
    mkdir -p "$tmp/local/logs" "$tmp/local/temp"
    if EVENTHUB_RUN_DIR="$tmp" "$DEPLOY/local-cluster.sh" nginx-conf --sticky "$sticky" --nodes 3 \
         | sed -e "s|$tmp/nginx|$tmp/local|g" -e 's/listen [0-9.]*:8080/listen 127.0.0.1:9/' > "$tmp/local.conf" \
       && "$nginx_bin" -t -q -p "$tmp/local" -c "$tmp/local.conf"; then
      echo "nginx -t: local cluster's nginx.conf (--sticky $sticky) is valid"
    else fail=1; fi
  done
else
  echo "nginx: not installed, compose/nginx.conf not tested"
fi

(cd "$DEPLOY/check" && npm ci --no-audit --no-fund --silent && node validate.mjs) || fail=1

if (( fail )); then echo "deploy checks: FAILED"; exit 1; fi
echo "deploy checks: passed"
