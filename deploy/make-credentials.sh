#!/usr/bin/env bash
# Creates the hub's shared credentials file (moderator, display, and every bridge point's host key and join code)
# ONCE, before a cluster starts, so that no two nodes ever race to create two different files.
#
#   deploy/make-credentials.sh OUT.json
#
# It runs the hub for a moment in its embedded mode (no Redis, a throw-away data folder, a free port on
# 127.0.0.1), asks it for a token (which makes it write the file), and stops it. The file format stays the
# hub's own. An existing OUT is never overwritten (a hub node adds keys for new bridge points itself).
# Used by Compose (the credentials-init service, EVENTHUB_DLL=/app/EventHub.dll) and before Kubernetes
# (kubectl create secret ... --from-file=credentials.json=OUT.json).
set -euo pipefail

OUT="${1:-}"
[[ -n "$OUT" ]] || { echo "Usage: $0 OUT.json" >&2; exit 64; }
if [[ -s "$OUT" ]]; then
  echo "Tệp đã có, giữ nguyên / $OUT already exists; left as it is." >&2
  exit 0
fi

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DLL="${EVENTHUB_DLL:-}"
if [[ -z "$DLL" ]]; then
  for candidate in "$ROOT/.run/cluster/app/EventHub.dll" "$ROOT/src/EventHub/bin/Release/net10.0/EventHub.dll"; do
    [[ -f "$candidate" ]] && { DLL="$candidate"; break; }
  done
fi
[[ -n "$DLL" && -f "$DLL" ]] || {
  echo "LỖI / ERROR: không thấy EventHub.dll / no EventHub.dll; run 'dotnet build -c Release src/EventHub' or set EVENTHUB_DLL." >&2
  exit 1
}

work="$(mktemp -d)"
pid=""
cleanup() {
  [[ -n "$pid" ]] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

mkdir -p "$(dirname "$OUT")"
out_abs="$(cd "$(dirname "$OUT")" && pwd)/$(basename "$OUT")"
# Everything the hub might read from the environment for a cluster is cleared: this run is embedded and private.
( cd "$work" && exec env -u ConnectionStrings__Redis -u EventHub__Auth__SigningKey -u ASPNETCORE_URLS \
    EventHub__DataDirectory="$work/data" EventHub__CredentialsFile="$out_abs" \
    dotnet "$DLL" --urls http://127.0.0.1:0 ) >"$work/hub.log" 2>&1 </dev/null &
pid=$!

port=""
for (( i = 0; i < 600; i++ )); do
  port="$(sed -n 's|.*listening on: http://127\.0\.0\.1:\([0-9][0-9]*\).*|\1|p' "$work/hub.log" | head -n1)"
  [[ -n "$port" ]] && break
  kill -0 "$pid" 2>/dev/null || { cat "$work/hub.log" >&2; echo "LỖI / ERROR: hub đã thoát / the hub exited." >&2; exit 1; }
  sleep 0.1
done
[[ -n "$port" ]] || { cat "$work/hub.log" >&2; echo "LỖI / ERROR: hub không khởi động / the hub did not start in 60 s." >&2; exit 1; }

# POST /api/token with an empty body: refused (400), but the hub has created the credentials file by then.
# Plain bash, no curl: the aspnet runtime image has none.
exec 3<>"/dev/tcp/127.0.0.1/$port"
printf 'POST /api/token HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}' >&3
cat <&3 >/dev/null || true
exec 3<&- 3>&-

for (( i = 0; i < 50; i++ )); do [[ -s "$out_abs" ]] && break; sleep 0.1; done
[[ -s "$out_abs" ]] || { cat "$work/hub.log" >&2; echo "LỖI / ERROR: $OUT chưa được tạo / was not created." >&2; exit 1; }
chmod 600 "$out_abs" 2>/dev/null || true
echo "Đã tạo / created $OUT (giữ bí mật / keep it secret: it holds every key of the forum)." >&2
