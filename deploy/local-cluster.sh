#!/usr/bin/env bash
# EventHub local cluster, without Docker: one redis-server (AOF, appendfsync always), N hub nodes and
# nginx in front, all as processes of the current user, all state in one run folder.
#
#   deploy/local-cluster.sh up [--nodes N] [--port P] [options]   start (or complete) the cluster; last stdout line = URL
#   deploy/local-cluster.sh down [--purge]                          stop everything this script started (by pid)
#   deploy/local-cluster.sh status                                  what runs, and whether it is ready
#   deploy/local-cluster.sh url                                     print the balancer's URL
#   deploy/local-cluster.sh kill-node K                             kill -9 node K (rehearsals, failover tests)
#   deploy/local-cluster.sh start-node K                            start node K again and wait until it is ready
#   deploy/local-cluster.sh restart-redis [--kill] [--down-for S]   stop Redis (TERM, or kill -9) and start it on the same data
#   deploy/local-cluster.sh stop-redis [--kill] | start-redis       the two halves of restart-redis
#   deploy/local-cluster.sh restart-balancer [--down-for S]         stop nginx (every connection cut) and start it again
#   deploy/local-cluster.sh stall-redis S                           Redis stops answering for S s (SIGSTOP), then carries on
#   deploy/local-cluster.sh nginx-conf [--nodes N] [--sticky M]     print the balancer's configuration (from compose/nginx.conf)
#
# Run `deploy/local-cluster.sh help` for every option. docs/deployment.md explains the set-up.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"
RUN_DIR="${EVENTHUB_RUN_DIR:-$ROOT/.run/cluster}"
APP_DIR="$RUN_DIR/app"
APP=eventhub         # eventhub | bare (the load tests' baseline: loadtests/BareHub on the same topology)
APP_DLL="$APP_DIR/EventHub.dll"
APP_PROJECT="$ROOT/src/EventHub"
SETTINGS="$RUN_DIR/cluster.env"

# Defaults (overridable by options of `up`; later commands read what `up` recorded in cluster.env).
NODES=2
PORT=8080            # the balancer (nginx)
BASE_PORT=5081       # node K listens on BASE_PORT + K - 1 (5080 is the single-node default; left free)
REDIS_PORT=6380      # not 6379: a system Redis or a test's Redis may use that
BIND=127.0.0.1       # where nginx listens (0.0.0.0 for a rehearsal with devices on the LAN)
STICKY=cookie        # cookie | ip  (see render_nginx_conf below and docs/deployment.md)
STORE=redis          # redis | file (file = proxy smoke test only: nodes do NOT share state)
PREFIX=eventhub      # EventHub__Redis__ChannelPrefix
TIMEOUT=120          # seconds to wait for readiness
BUILD=auto           # auto | always | never
KEEP_ON_FAILURE=0
EXTRA_ENV=()

say() { printf '%s\n' "$*" >&2; }
die() { say "LỖI / ERROR: $*"; exit 1; }

usage() {
  cat <<'EOF'
Cụm EventHub cục bộ / EventHub local cluster (redis-server + N hub nodes + nginx, no Docker)

Usage:
  deploy/local-cluster.sh up [options]          start what is not running yet; prints the balancer URL last
      --nodes N          hub nodes (default 2)
      --port P           balancer port (default 8080)
      --base-port P      first node port; node K uses P+K-1 (default 5081) and serves /metrics on P+1000+K-1
      --redis-port P     Redis port (default 6380)
      --bind ADDR        address nginx listens on (default 127.0.0.1)
      --sticky cookie|ip stickiness: hash on an nginx-set cookie (default; spreads clients that share one IP)
                         or ip_hash (every client from one address lands on one node)
      --prefix NAME      EventHub__Redis__ChannelPrefix (default eventhub)
      --app eventhub|bare  what the nodes run: the hub (default), or loadtests/BareHub, the load tests' baseline
      --env KEY=VALUE    extra environment for every node (repeatable), e.g. --env Logging__LogLevel__Default=Warning
      --timeout S        seconds to wait for every node's /readyz (default 120)
      --build | --no-build   always / never publish the hub (default: only when src/ or seeds/ changed)
      --store file       SMOKE TEST ONLY: nodes use their own embedded file log (no shared state); checks the proxy
      --keep-on-failure  leave the processes running when `up` fails (default: stop everything)
  deploy/local-cluster.sh down [--purge]        stop everything by pid; --purge also deletes the run folder (data!)
  deploy/local-cluster.sh status                state of every process; exit 0 only when all run and are ready
  deploy/local-cluster.sh url                   the balancer URL
  deploy/local-cluster.sh kill-node K           kill -9 node K
  deploy/local-cluster.sh start-node K          start node K again (same settings), wait until ready
  deploy/local-cluster.sh restart-redis [--kill] [--down-for S] [--timeout S]
                                                stop Redis (SIGTERM, or SIGKILL with --kill), optionally stay down
                                                S seconds, start it on the same data, wait for Redis and the nodes
  deploy/local-cluster.sh stop-redis [--kill]   stop Redis only
  deploy/local-cluster.sh start-redis           start Redis again, wait for it and the nodes
  deploy/local-cluster.sh restart-balancer [--down-for S]
                                                stop nginx (every open connection is cut), optionally stay down S
                                                seconds, start it again: the reconnect storm of a whole hall
  deploy/local-cluster.sh stall-redis S [--timeout S]
                                                pause Redis (SIGSTOP) for S seconds, then let it carry on (SIGCONT):
                                                a Redis that stops answering but closes nothing; waits for the nodes
  deploy/local-cluster.sh nginx-conf [--nodes N] [--sticky cookie|ip]
                                                print the nginx.conf `up` writes: deploy/compose/nginx.conf with this
                                                cluster's paths, ports and nodes

Run folder: $EVENTHUB_RUN_DIR or <repo>/.run/cluster (signing key, credentials.json, redis data, logs, pids).
EOF
}

# ---------------------------------------------------------------------------------------------- helpers

need_int() { [[ "$2" =~ ^[0-9]+$ ]] || die "$1 phải là số / must be a number (got '$2')."; }

load_settings() {
  if [[ -f "$SETTINGS" ]]; then
    # shellcheck disable=SC1090
    source "$SETTINGS"
  fi
  resolve_app
}

resolve_app() {
  case "$APP" in
    bare) APP_DLL="$APP_DIR/BareHub.dll"; APP_PROJECT="$ROOT/loadtests/BareHub" ;;
    *) APP_DLL="$APP_DIR/EventHub.dll"; APP_PROJECT="$ROOT/src/EventHub" ;;
  esac
}

save_settings() {
  {
    printf 'NODES=%q\nPORT=%q\nBASE_PORT=%q\nREDIS_PORT=%q\nBIND=%q\nSTICKY=%q\nSTORE=%q\nPREFIX=%q\nAPP=%q\n' \
      "$NODES" "$PORT" "$BASE_PORT" "$REDIS_PORT" "$BIND" "$STICKY" "$STORE" "$PREFIX" "$APP"
    printf 'EXTRA_ENV=('
    local kv
    for kv in "${EXTRA_ENV[@]}"; do printf '%q ' "$kv"; done
    printf ')\n'
  } > "$SETTINGS"
}

balancer_url() {
  local host="$BIND"
  [[ "$host" == "0.0.0.0" ]] && host=127.0.0.1
  printf 'http://%s:%s\n' "$host" "$PORT"
}

node_port() { printf '%s' $(( BASE_PORT + $1 - 1 )); }
# Node K's management port (/metrics): BASE_PORT + 1000 + K - 1, on loopback; nginx never forwards to it.
node_metrics_port() { printf '%s' $(( BASE_PORT + 1000 + $1 - 1 )); }
node_dir() { printf '%s/nodes/%s' "$RUN_DIR" "$1"; }

# A pid file counts only while its process is alive (not a zombie) AND its command line still names our files:
# a recycled pid is never signalled.
pid_marker() {
  case "$1" in
    redis) printf '%s' "$RUN_DIR/redis/redis.conf" ;;
    nginx) printf '%s' "$RUN_DIR/nginx/nginx.conf" ;;
    node*) printf '%s' "$APP_DLL" ;;
  esac
}
pid_file() {
  case "$1" in
    redis) printf '%s' "$RUN_DIR/redis/redis.pid" ;;
    nginx) printf '%s' "$RUN_DIR/nginx/nginx.pid" ;;
    node*) printf '%s/node.pid' "$(node_dir "${1#node}")" ;;
  esac
}

# Prints the pid of a running component, or fails.
running_pid() {
  local file pid state cmdline
  file="$(pid_file "$1")"
  [[ -f "$file" ]] || return 1
  pid="$(head -n1 "$file" 2>/dev/null || true)"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  [[ -r "/proc/$pid/stat" ]] || return 1
  state="$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null || true)"
  [[ -n "$state" && "$state" != "Z" && "$state" != "X" ]] || return 1
  cmdline="$(tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null || true)"
  [[ "$cmdline" == *"$(pid_marker "$1")"* ]] || return 1
  printf '%s' "$pid"
}

port_in_use() {
  if command -v ss >/dev/null 2>&1; then
    [[ -n "$(ss -Hltn "sport = :$1" 2>/dev/null)" ]]
  else
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
  fi
}

require_free_port() {
  if port_in_use "$1"; then
    die "cổng $1 ($2) đang bị một tiến trình khác dùng / port $1 ($2) is already used by another process; choose another with $3."
  fi
}

http_code() {
  curl -s -o /dev/null -w '%{http_code}' --max-time "${2:-3}" "$1" 2>/dev/null || true
}

redis_ping() {
  # Answers PONG when Redis is up and has finished loading its AOF (it answers -LOADING while loading).
  local reply=""
  if exec 3<>"/dev/tcp/127.0.0.1/$REDIS_PORT"; then
    printf 'PING\r\n' >&3
    IFS= read -r -t 2 reply <&3 || true
    exec 3<&- 3>&-
  fi 2>/dev/null
  [[ "$reply" == "+PONG"* ]]
}

# Sends a signal, then waits for the process to be gone; after `grace` seconds, SIGKILL.
stop_pid() {
  local name="$1" pid="$2" signal="${3:-TERM}" grace="${4:-20}" i
  kill "-$signal" "$pid" 2>/dev/null || true
  for (( i = 0; i < grace * 10; i++ )); do
    running_pid "$name" >/dev/null || return 0
    sleep 0.1
  done
  say "  $name (pid $pid) chưa dừng sau ${grace} s, gửi SIGKILL / did not stop after ${grace} s, sending SIGKILL"
  kill -KILL "$pid" 2>/dev/null || true
  for (( i = 0; i < 50; i++ )); do
    running_pid "$name" >/dev/null || return 0
    sleep 0.1
  done
  die "$name (pid $pid) không dừng được / cannot be stopped."
}

log_tail() {
  if [[ -f "$1" ]]; then
    say "----- ${1} (20 dòng cuối / last 20 lines) -----"
    tail -n 20 "$1" >&2 || true
    say "-----"
  fi
}

lock_run_dir() {
  mkdir -p "$RUN_DIR"
  if command -v flock >/dev/null 2>&1; then
    exec 9>"$RUN_DIR/.lock"
    flock -w 120 9 || die "một lệnh local-cluster khác đang chạy / another local-cluster command holds $RUN_DIR/.lock."
  fi
}

# ---------------------------------------------------------------------------------------------- install / build

ensure_packages() {
  local missing=() pair cmd pkg
  for pair in redis-server:redis-server nginx:nginx curl:curl; do
    cmd="${pair%%:*}"; pkg="${pair#*:}"
    if ! command -v "$cmd" >/dev/null 2>&1 && [[ ! -x "/usr/sbin/$cmd" && ! -x "/usr/bin/$cmd" ]]; then
      missing+=("$pkg")
    fi
  done
  command -v dotnet >/dev/null 2>&1 || die "không thấy dotnet / the .NET SDK (dotnet) is not installed; it is needed to build the hub."
  (( ${#missing[@]} == 0 )) && return 0

  say "Cài gói Debian còn thiếu / installing missing Debian packages: ${missing[*]}"
  local sudo=()
  if (( EUID != 0 )); then
    command -v sudo >/dev/null 2>&1 || die "cần quyền root để cài / root is needed to install: apt-get install -y ${missing[*]}"
    sudo=(sudo -n)
  fi
  # Services the packages would start (system nginx on :80, system Redis on :6379) are not ours; on machines
  # with a policy-rc.d that forbids starting services (containers) they do not start at all.
  export DEBIAN_FRONTEND=noninteractive
  if ! "${sudo[@]}" apt-get install -y --no-install-recommends "${missing[@]}" >"$RUN_DIR/apt.log" 2>&1; then
    say "  apt-get update (một lần / once) ..."
    "${sudo[@]}" apt-get update >>"$RUN_DIR/apt.log" 2>&1 || { log_tail "$RUN_DIR/apt.log"; die "apt-get update thất bại / failed (log: $RUN_DIR/apt.log)."; }
    "${sudo[@]}" apt-get install -y --no-install-recommends "${missing[@]}" >>"$RUN_DIR/apt.log" 2>&1 \
      || { log_tail "$RUN_DIR/apt.log"; die "apt-get install ${missing[*]} thất bại / failed (log: $RUN_DIR/apt.log)."; }
  fi
}

bin_path() {
  local p
  p="$(command -v "$1" 2>/dev/null || true)"
  [[ -z "$p" && -x "/usr/sbin/$1" ]] && p="/usr/sbin/$1"
  [[ -z "$p" && -x "/usr/bin/$1" ]] && p="/usr/bin/$1"
  [[ -n "$p" ]] || die "không thấy / cannot find $1."
  printf '%s' "$p"
}

cluster_running() {
  ( load_settings; running_pid redis || running_pid nginx || any_node_running ) >/dev/null 2>&1
}

any_node_running() {
  local k
  for (( k = 1; k <= NODES; k++ )); do running_pid "node$k" >/dev/null && return 0; done
  return 1
}

publish_hub() {
  local stale=1
  if [[ -f "$APP_DLL" ]]; then
    stale=0
    if [[ -n "$(find "$ROOT/src" "$ROOT/seeds" "$APP_PROJECT" "$ROOT/Directory.Build.props" "$ROOT/Directory.Packages.props" \
                  -newer "$APP_DLL" -type f -not -path '*/bin/*' -not -path '*/obj/*' -print -quit 2>/dev/null)" ]]; then
      stale=1
    fi
  fi
  case "$BUILD" in
    never) [[ -f "$APP_DLL" ]] || die "chưa có bản dựng / no build in $APP_DIR; run without --no-build."; return 0 ;;
    auto) (( stale )) || { say "Bản dựng còn mới / build is up to date: $APP_DIR"; return 0; } ;;
  esac
  if any_node_running; then
    say "CẢNH BÁO / WARNING: các nút đang chạy bản dựng cũ; không dựng lại khi chúng đang chạy."
    say "  nodes are running an older build; not republishing under them (run 'down' then 'up' to pick up changes)."
    return 0
  fi
  say "Dựng hub (Release) / publishing the hub (Release) to $APP_DIR ..."
  rm -rf "$APP_DIR"
  if ! dotnet publish "$APP_PROJECT" -c Release -o "$APP_DIR" --nologo -v q >"$RUN_DIR/build.log" 2>&1; then
    log_tail "$RUN_DIR/build.log"
    die "dựng hub thất bại / the build failed (log: $RUN_DIR/build.log)."
  fi
}

# ---------------------------------------------------------------------------------------------- config files

signing_key() {
  local file="$RUN_DIR/signing.key"
  if [[ ! -s "$file" ]]; then
    ( umask 077
      if command -v openssl >/dev/null 2>&1; then openssl rand -base64 32 > "$file.tmp"
      else head -c 32 /dev/urandom | base64 > "$file.tmp"; fi
      mv "$file.tmp" "$file" )
  fi
  chmod 600 "$file"
  tr -d '\n' < "$file"
}

write_redis_conf() {
  mkdir -p "$RUN_DIR/redis/data"
  # Durability and memory settings come from deploy/compose/redis.conf (one copy); only where it listens and
  # keeps its files is the local cluster's own.
  {
    cat <<EOF
# Generated by deploy/local-cluster.sh from deploy/compose/redis.conf: Redis for the EventHub local cluster.
bind 127.0.0.1
port $REDIS_PORT
protected-mode yes
daemonize no
pidfile $RUN_DIR/redis/redis-self.pid
logfile $RUN_DIR/redis/redis.log
dir $RUN_DIR/redis/data
# The config path in the process title lets the script recognise its own Redis by pid.
proc-title-template "{title} {listen-addr} {server-mode} {config-file}"

EOF
    grep -vE '^(bind|port|protected-mode|dir) ' "$SCRIPT_DIR/compose/redis.conf"
  } > "$RUN_DIR/redis/redis.conf"
}

write_nginx_conf() {
  mkdir -p "$RUN_DIR/nginx/logs" "$RUN_DIR/nginx/temp"
  nginx_conf > "$RUN_DIR/nginx/nginx.conf.tmp" \
    || die "deploy/compose/nginx.conf không còn dòng mà script cần / no longer has a line this script replaces (see render_nginx_conf)."
  mv "$RUN_DIR/nginx/nginx.conf.tmp" "$RUN_DIR/nginx/nginx.conf"
}

nginx_conf() {
  local nofile conns ports="" k
  nofile="$(ulimit -Hn)"
  [[ "$nofile" == "unlimited" || "$nofile" -gt 65536 ]] && nofile=65536
  conns=$(( nofile > 2048 ? nofile - 1024 : 1024 ))
  for (( k = 1; k <= NODES; k++ )); do ports+="$(node_port "$k") "; done
  echo "# Generated by deploy/local-cluster.sh from deploy/compose/nginx.conf (not the system nginx's)."
  if (( EUID == 0 )); then echo "user $(id -un) $(id -gn);"; fi
  render_nginx_conf "$nofile" "$conns" "$ports" < "$SCRIPT_DIR/compose/nginx.conf"
}

# Prints the balancer's configuration as `up` would write it (deploy/check.sh tests it with nginx -t).
cmd_nginx_conf() {
  load_settings
  while (( $# )); do
    case "$1" in
      --nodes) need_int --nodes "${2:-}"; NODES="$2"; shift 2 ;;
      --sticky) [[ "${2:-}" == cookie || "${2:-}" == ip ]] || die "--sticky cookie|ip"; STICKY="$2"; shift 2 ;;
      *) die "tùy chọn không rõ / unknown option: $1" ;;
    esac
  done
  nginx_conf
}

# The balancer's choices (stickiness, WebSocket upgrade, timeouts, retries) have one copy, deploy/compose/nginx.conf;
# here only what differs for processes of this user is replaced: the run folder's paths, its file limits, the
# listening address, the nodes, and ip_hash for --sticky ip. Fails when a line it replaces is missing.
render_nginx_conf() {
  awk -v run="$RUN_DIR/nginx" -v nofile="$1" -v conns="$2" -v ports="$3" -v listen="$BIND:$PORT" -v sticky="$STICKY" '
    function flush() { if (held != "") printf "%s", held; held = "" }
    # Comments right above the upstream servers speak of the Compose containers: they go with them.
    /^ *#/ && upstream { held = held $0 "\n"; next }
    /^ *upstream eventhub / { upstream = 1 }
    upstream && /^ *server [^ ]+:8080 / {
      held = ""
      if (!servers++) {
        print "        # max_fails=0: a node is never marked down for a while. While it is dead each request is refused at"
        print "        # once (same machine) and goes to the next node; once it is back, negotiate and the connection that"
        print "        # follows both reach it. With max_fails=1 the two could straddle the end of fail_timeout and land on"
        print "        # different nodes (a node just restarted lost up to half the connections opened to it)."
        n = split(ports, port, " ")
        for (k = 1; k <= n; k++) printf "        server 127.0.0.1:%s max_fails=0;   # node %d\n", port[k], k
      }
      next
    }
    { flush() }
    upstream && /^ *}/ { upstream = 0 }
    /^worker_rlimit_nofile / {
      print "worker_rlimit_nofile " nofile ";"
      print "daemon off;"
      print "pid " run "/nginx.pid;"
      print "error_log " run "/logs/error.log warn;"
      done["rlimit"]++; next
    }
    /^ *worker_connections / { sub(/[0-9]+;/, conns ";"); done["connections"]++ }
    /^ *access_log \/var\/log\/nginx\// {
      sub(/\/var\/log\/nginx\//, run "/logs/"); print
      print "    client_body_temp_path " run "/temp/client_body;"
      print "    proxy_temp_path " run "/temp/proxy;"
      print "    fastcgi_temp_path " run "/temp/fastcgi;"
      print "    uwsgi_temp_path " run "/temp/uwsgi;"
      print "    scgi_temp_path " run "/temp/scgi;"
      done["access_log"]++; next
    }
    /^ *error_log \/var\/log\/nginx\// { sub(/\/var\/log\/nginx\//, run "/logs/"); done["error_log"]++ }
    /^ *map \$cookie_ehaff / { done["cookie_map"]++; if (sticky == "ip") { skip = 1; next } }
    skip { if ($0 ~ /^ *}/) skip = 0; next }
    /^ *hash \$eventhub_affinity / { done["hash"]++; if (sticky == "ip") { sub(/hash.*/, "ip_hash;") } }
    /^ *listen 8080 / { sub(/8080/, listen); done["listen"]++ }
    /^ *add_header Set-Cookie / { done["set_cookie"]++; if (sticky == "ip") next }
    /^ *proxy_next_upstream / {
      print
      print "            # Which node answered: handy in rehearsals and load tests (local cluster only)."
      print "            add_header X-EventHub-Node $upstream_addr always;"
      done["next_upstream"]++; next
    }
    { print }
    END {
      flush()
      if (!servers || done["rlimit"] != 1 || done["connections"] != 1 || done["access_log"] != 1 || done["error_log"] != 1 \
          || done["cookie_map"] != 2 || done["hash"] != 1 || done["listen"] != 1 || done["set_cookie"] != 1 || done["next_upstream"] != 1)
        exit 1
    }'
}

# ---------------------------------------------------------------------------------------------- components

start_redis() {
  local pid i
  if pid="$(running_pid redis)"; then say "Redis đã chạy / already running (pid $pid, port $REDIS_PORT)"; return 0; fi
  require_free_port "$REDIS_PORT" Redis --redis-port
  write_redis_conf
  say "Khởi động Redis / starting Redis on 127.0.0.1:$REDIS_PORT (appendonly yes, appendfsync always) ..."
  setsid "$(bin_path redis-server)" "$RUN_DIR/redis/redis.conf" >>"$RUN_DIR/redis/stdout.log" 2>&1 </dev/null 9>&- &
  pid=$!
  echo "$pid" > "$(pid_file redis)"
  for (( i = 0; i < 300; i++ )); do
    redis_ping && { say "  Redis sẵn sàng / ready (pid $pid)"; return 0; }
    if ! running_pid redis >/dev/null; then
      log_tail "$RUN_DIR/redis/redis.log"; log_tail "$RUN_DIR/redis/stdout.log"
      die "Redis đã thoát / exited at start-up (log: $RUN_DIR/redis/redis.log)."
    fi
    sleep 0.1
  done
  log_tail "$RUN_DIR/redis/redis.log"
  die "Redis không trả lời PING sau 30 s / did not answer PING within 30 s (log: $RUN_DIR/redis/redis.log)."
}

stop_redis() {
  local signal="$1" pid
  if pid="$(running_pid redis)"; then
    say "Dừng Redis / stopping Redis (pid $pid, SIG$signal) ..."
    stop_pid redis "$pid" "$signal" 30
  fi
  rm -f "$(pid_file redis)"
}

start_node() {
  local k="$1" pid dir port key
  if pid="$(running_pid "node$k")"; then say "Nút $k đã chạy / node $k already running (pid $pid)"; return 0; fi
  port="$(node_port "$k")"
  require_free_port "$port" "node $k" --base-port
  require_free_port "$(node_metrics_port "$k")" "node $k /metrics" --base-port
  dir="$(node_dir "$k")"
  mkdir -p "$dir/data"
  # A fresh log per start (the previous one kept as node.log.1), so a failure's tail shows only this start.
  [[ -f "$dir/node.log" ]] && mv -f "$dir/node.log" "$dir/node.log.1"
  key="$(signing_key)"
  local env=(
    "ASPNETCORE_URLS=http://127.0.0.1:$port"
    "ASPNETCORE_ENVIRONMENT=Production"
    "EventHub__Auth__SigningKey=$key"
    "EventHub__CredentialsFile=$RUN_DIR/credentials.json"
    "EventHub__DataDirectory=$dir/data"
    "EventHub__Redis__ChannelPrefix=$PREFIX"
    "EventHub__Management__Url=http://127.0.0.1:$(node_metrics_port "$k")"
    # Every write to a connection takes a 4 KB buffer from the shared array pool until the socket has sent it; a
    # fan-out to 1,500 connections takes 1,500 at once, and by default the pool keeps 32 per core: the rest were
    # allocated anew (45 MB/s, most of the nodes' garbage: docs/performance.md). Both apps of the cluster get it.
    "DOTNET_SYSTEM_BUFFERS_SHAREDARRAYPOOL_MAXARRAYSPERPARTITION=2048"
  )
  [[ "$STORE" == "redis" ]] && env+=("ConnectionStrings__Redis=127.0.0.1:$REDIS_PORT")
  env+=("${EXTRA_ENV[@]}")
  say "Khởi động nút $k / starting node $k on http://127.0.0.1:$port ..."
  # `--urls` as well as ASPNETCORE_URLS: the command line outranks every other source of "urls".
  # setsid: the node outlives this script and ignores the caller's Ctrl-C; the pid is dotnet's own.
  ( cd "$dir" && ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec env "${env[@]}" setsid dotnet "$APP_DLL" --urls "http://127.0.0.1:$port" ) \
    >>"$dir/node.log" 2>&1 </dev/null 9>&- &
  pid=$!
  disown "$pid" 2>/dev/null || true
  echo "$pid" > "$(pid_file "node$k")"
}

stop_nodes() {
  local k pid pids=() names=()
  for (( k = 1; k <= NODES; k++ )); do
    if pid="$(running_pid "node$k")"; then
      say "Dừng nút $k / stopping node $k (pid $pid) ..."
      kill -TERM "$pid" 2>/dev/null || true
      pids+=("$pid"); names+=("node$k")
    fi
  done
  local i
  for i in "${!pids[@]}"; do stop_pid "${names[$i]}" "${pids[$i]}" TERM 20; done
  for (( k = 1; k <= NODES; k++ )); do rm -f "$(pid_file "node$k")"; done
}

start_nginx() {
  local pid i
  if pid="$(running_pid nginx)"; then say "nginx đã chạy / already running (pid $pid)"; return 0; fi
  require_free_port "$PORT" nginx --port
  write_nginx_conf
  local nginx_bin
  nginx_bin="$(bin_path nginx)"
  if ! "$nginx_bin" -t -q -p "$RUN_DIR/nginx" -c "$RUN_DIR/nginx/nginx.conf" >"$RUN_DIR/nginx/logs/configtest.log" 2>&1; then
    log_tail "$RUN_DIR/nginx/logs/configtest.log"
    die "cấu hình nginx sai / nginx rejected its configuration ($RUN_DIR/nginx/nginx.conf)."
  fi
  say "Khởi động nginx / starting nginx on $(balancer_url) (sticky: $STICKY) ..."
  setsid "$nginx_bin" -p "$RUN_DIR/nginx" -c "$RUN_DIR/nginx/nginx.conf" >>"$RUN_DIR/nginx/logs/stdout.log" 2>&1 </dev/null 9>&- &
  pid=$!
  # nginx writes the master's pid itself (pid directive); with `daemon off` it is this very process.
  for (( i = 0; i < 100; i++ )); do
    if [[ "$(http_code "$(balancer_url)/healthz" 2)" != "000" ]]; then
      running_pid nginx >/dev/null || echo "$pid" > "$(pid_file nginx)"
      say "  nginx sẵn sàng / ready (pid $(running_pid nginx || echo "$pid"))"
      return 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      log_tail "$RUN_DIR/nginx/logs/error.log"; log_tail "$RUN_DIR/nginx/logs/stdout.log"
      die "nginx đã thoát / exited at start-up (log: $RUN_DIR/nginx/logs/error.log)."
    fi
    sleep 0.1
  done
  log_tail "$RUN_DIR/nginx/logs/error.log"
  die "nginx không trả lời sau 10 s / did not answer within 10 s (log: $RUN_DIR/nginx/logs/error.log)."
}

stop_nginx() {
  local pid
  if pid="$(running_pid nginx)"; then
    say "Dừng nginx / stopping nginx (pid $pid) ..."
    # SIGTERM = fast shutdown (open WebSockets are cut, as they would be if the balancer died).
    stop_pid nginx "$pid" TERM 15
  fi
  rm -f "$(pid_file nginx)"
}

# Waits until every listed node answers /readyz with 200. On failure: which node, what it answered, its log.
wait_nodes_ready() {
  local deadline=$(( SECONDS + TIMEOUT )) k pending code
  local -A last=()
  while :; do
    pending=()
    for k in "$@"; do
      if ! running_pid "node$k" >/dev/null; then
        log_tail "$(node_dir "$k")/node.log"
        say "LỖI / ERROR: nút $k đã thoát trước khi sẵn sàng / node $k exited before it was ready."
        say "  Nhật ký / log: $(node_dir "$k")/node.log"
        return 1
      fi
      code="$(http_code "http://127.0.0.1:$(node_port "$k")/readyz" 3)"
      last[$k]="$code"
      [[ "$code" == "200" ]] || pending+=("$k")
    done
    (( ${#pending[@]} == 0 )) && return 0
    if (( SECONDS >= deadline )); then
      for k in "${pending[@]}"; do
        log_tail "$(node_dir "$k")/node.log"
        say "LỖI / ERROR: nút $k chưa sẵn sàng sau ${TIMEOUT} s / node $k not ready after ${TIMEOUT} s:" \
            "http://127.0.0.1:$(node_port "$k")/readyz answered '${last[$k]}' (000 = no answer)."
        say "  Nhật ký / log: $(node_dir "$k")/node.log"
      done
      [[ "$STORE" == "redis" ]] && say "  (503 = the node cannot reach its store: is Redis up? redis log: $RUN_DIR/redis/redis.log)"
      return 1
    fi
    sleep 0.5
  done
}

# ---------------------------------------------------------------------------------------------- commands

UP_FAILED=0

on_up_exit() {
  (( UP_FAILED )) || return 0
  if (( KEEP_ON_FAILURE )); then
    say "Giữ nguyên các tiến trình (--keep-on-failure) / processes left running; stop them with: $0 down"
    return 0
  fi
  say "Dừng mọi thứ đã khởi động / stopping everything that was started ..."
  do_down >/dev/null 2>&1 || true
  say "Đã dừng / stopped. Nhật ký giữ lại / logs kept in $RUN_DIR."
}

cmd_up() {
  local requested_nodes="" requested=()
  while (( $# )); do
    case "$1" in
      --nodes) need_int --nodes "${2:-}"; requested_nodes="$2"; requested+=("NODES=$2"); shift 2 ;;
      --port) need_int --port "${2:-}"; requested+=("PORT=$2"); shift 2 ;;
      --base-port) need_int --base-port "${2:-}"; requested+=("BASE_PORT=$2"); shift 2 ;;
      --redis-port) need_int --redis-port "${2:-}"; requested+=("REDIS_PORT=$2"); shift 2 ;;
      --bind) [[ -n "${2:-}" ]] || die "--bind cần địa chỉ / needs an address"; requested+=("BIND=$2"); shift 2 ;;
      --sticky) [[ "${2:-}" == cookie || "${2:-}" == ip ]] || die "--sticky cookie|ip"; requested+=("STICKY=$2"); shift 2 ;;
      --store) [[ "${2:-}" == redis || "${2:-}" == file ]] || die "--store redis|file"; requested+=("STORE=$2"); shift 2 ;;
      --app) [[ "${2:-}" == eventhub || "${2:-}" == bare ]] || die "--app eventhub|bare"; requested+=("APP=$2"); shift 2 ;;
      --prefix) [[ "${2:-}" =~ ^[A-Za-z0-9_.:-]+$ ]] || die "--prefix: letters, digits, _ . : - only"; requested+=("PREFIX=$2"); shift 2 ;;
      --env) [[ "${2:-}" == *=* ]] || die "--env KEY=VALUE"; EXTRA_ENV+=("$2"); shift 2 ;;
      --timeout) need_int --timeout "${2:-}"; TIMEOUT="$2"; shift 2 ;;
      --build) BUILD=always; shift ;;
      --no-build) BUILD=never; shift ;;
      --keep-on-failure) KEEP_ON_FAILURE=1; shift ;;
      -h|--help) usage; exit 0 ;;
      *) die "tùy chọn không rõ / unknown option for up: $1 (see: $0 help)" ;;
    esac
  done
  (( ${requested_nodes:-1} >= 1 && ${requested_nodes:-1} <= 64 )) || die "--nodes phải từ 1 đến 64 / must be 1..64."

  lock_run_dir
  # Settings of a cluster that is (partly) running win; asking for different ones is an error, not a surprise.
  local extra_requested=("${EXTRA_ENV[@]}") kv var
  if [[ -f "$SETTINGS" ]] && cluster_running; then
    load_settings
    for kv in "${requested[@]}"; do
      var="${kv%%=*}"
      [[ "${!var}" == "${kv#*=}" ]] \
        || die "cụm đang chạy với $var=${!var} / the running cluster has $var=${!var} (asked: ${kv#*=}); run 'down' first to change it."
    done
    if (( ${#extra_requested[@]} )) && [[ "${extra_requested[*]}" != "${EXTRA_ENV[*]}" ]]; then
      die "cụm đang chạy với --env khác / the running cluster has other --env values (${EXTRA_ENV[*]}); run 'down' first."
    fi
  else
    for kv in "${requested[@]}"; do printf -v "${kv%%=*}" '%s' "${kv#*=}"; done
  fi
  resolve_app
  save_settings
  mkdir -p "$RUN_DIR/nodes"

  ensure_packages
  publish_hub

  # From here on, a failure stops what was started (unless --keep-on-failure).
  UP_FAILED=1
  trap on_up_exit EXIT

  start_redis
  local k started=()
  for (( k = 1; k <= NODES; k++ )); do
    if ! running_pid "node$k" >/dev/null; then
      start_node "$k"
    fi
    started+=("$k")
  done
  say "Chờ các nút sẵn sàng (/readyz = 200, tối đa ${TIMEOUT} s) / waiting for every node's /readyz ..."
  wait_nodes_ready "${started[@]}" || exit 1
  start_nginx

  local code
  code="$(http_code "$(balancer_url)/readyz" 5)"
  [[ "$code" == "200" ]] || die "qua nginx /readyz trả lời '$code' / through nginx, /readyz answered '$code' (log: $RUN_DIR/nginx/logs/error.log)."
  UP_FAILED=0
  trap - EXIT

  (( ${#EXTRA_ENV[@]} )) && say "  --env: ${EXTRA_ENV[*]}"
  [[ "$STORE" == "file" ]] && say "CẢNH BÁO / WARNING: --store file: các nút KHÔNG chia sẻ trạng thái / nodes do NOT share state (proxy smoke test only)."
  echo "Cụm EventHub đã sẵn sàng / EventHub cluster ready: $NODES node(s), Redis 127.0.0.1:$REDIS_PORT, sticky=$STICKY"
  for (( k = 1; k <= NODES; k++ )); do
    echo "  node $k: http://127.0.0.1:$(node_port "$k")  pid $(running_pid "node$k")  log $(node_dir "$k")/node.log"
  done
  echo "  credentials: $RUN_DIR/credentials.json"
  echo "  run folder:  $RUN_DIR   (stop: deploy/local-cluster.sh down)"
  balancer_url
}

do_down() {
  load_settings
  # Nodes found by pid file, whatever NODES says now (a previous run may have had more).
  local max=$NODES d
  for d in "$RUN_DIR"/nodes/*/; do
    [[ -d "$d" ]] || continue
    d="$(basename "$d")"
    [[ "$d" =~ ^[0-9]+$ ]] && (( d > max )) && max=$d
  done
  NODES=$max
  stop_nginx
  stop_nodes
  stop_redis TERM
}

cmd_down() {
  local purge=0
  while (( $# )); do
    case "$1" in
      --purge) purge=1; shift ;;
      *) die "tùy chọn không rõ / unknown option for down: $1" ;;
    esac
  done
  [[ -d "$RUN_DIR" ]] || { say "Không có gì đang chạy / nothing to stop ($RUN_DIR does not exist)."; return 0; }
  lock_run_dir
  do_down
  if (( purge )); then
    say "Xóa thư mục chạy / deleting the run folder $RUN_DIR (Redis data, credentials, logs) ..."
    rm -rf "$RUN_DIR"
  fi
  say "Đã dừng cụm / cluster stopped."
}

cmd_status() {
  [[ -f "$SETTINGS" ]] || { say "Chưa có cụm / no cluster set up ($SETTINGS missing)."; return 3; }
  load_settings
  local ok=1 anything=0 pid k code
  if pid="$(running_pid redis)"; then
    anything=1
    if redis_ping; then echo "redis   pid $pid  127.0.0.1:$REDIS_PORT  PONG"; else echo "redis   pid $pid  127.0.0.1:$REDIS_PORT  no PONG"; ok=0; fi
  else
    echo "redis   stopped  127.0.0.1:$REDIS_PORT"; ok=0
  fi
  for (( k = 1; k <= NODES; k++ )); do
    if pid="$(running_pid "node$k")"; then
      anything=1
      code="$(http_code "http://127.0.0.1:$(node_port "$k")/readyz" 3)"
      if [[ "$code" == "200" ]]; then echo "node$k   pid $pid  http://127.0.0.1:$(node_port "$k")  ready  metrics http://127.0.0.1:$(node_metrics_port "$k")/metrics"
      else echo "node$k   pid $pid  http://127.0.0.1:$(node_port "$k")  NOT ready (/readyz $code)"; ok=0; fi
    else
      echo "node$k   stopped  http://127.0.0.1:$(node_port "$k")"; ok=0
    fi
  done
  if pid="$(running_pid nginx)"; then
    anything=1
    code="$(http_code "$(balancer_url)/readyz" 3)"
    echo "nginx   pid $pid  $(balancer_url)  /readyz $code  sticky=$STICKY"
    [[ "$code" == "200" ]] || ok=0
  else
    echo "nginx   stopped  $(balancer_url)"; ok=0
  fi
  (( anything )) || return 3
  (( ok )) || return 1
  return 0
}

node_arg() {
  [[ "${1:-}" =~ ^[0-9]+$ ]] || die "cần số thứ tự nút / a node number is needed (1..$NODES)."
  (( $1 >= 1 && $1 <= NODES )) || die "nút $1 không có / no node $1 (the cluster has $NODES)."
}

cmd_kill_node() {
  load_settings
  node_arg "${1:-}"
  local k="$1" pid i
  pid="$(running_pid "node$k")" || die "nút $k không chạy / node $k is not running."
  say "kill -9 nút $k / node $k (pid $pid)"
  kill -KILL "$pid"
  for (( i = 0; i < 100; i++ )); do running_pid "node$k" >/dev/null || break; sleep 0.05; done
  running_pid "node$k" >/dev/null && die "nút $k vẫn chạy / node $k still runs."
  rm -f "$(pid_file "node$k")"
  echo "node $k killed (pid $pid)"
}

cmd_start_node() {
  load_settings
  node_arg "${1:-}"
  local k="$1"
  shift
  while (( $# )); do
    case "$1" in
      --timeout) need_int --timeout "${2:-}"; TIMEOUT="$2"; shift 2 ;;
      *) die "tùy chọn không rõ / unknown option: $1" ;;
    esac
  done
  lock_run_dir
  [[ -f "$APP_DLL" ]] || die "chưa có bản dựng / no build yet; run 'up' first."
  start_node "$k"
  wait_nodes_ready "$k" || exit 1
  echo "node $k ready: http://127.0.0.1:$(node_port "$k") pid $(running_pid "node$k")"
}

running_nodes() {
  local k
  for (( k = 1; k <= NODES; k++ )); do running_pid "node$k" >/dev/null && printf '%s ' "$k"; done
  return 0
}

# SIGSTOP, then SIGCONT: connections stay open and what the nodes send meanwhile waits in the kernel's buffers, as
# with a Redis that is swapped out or stuck on its disk. Redis is let go on every way out of this script.
stall_redis() {
  local seconds="$1" pid
  pid="$(running_pid redis)" || die "Redis không chạy / Redis is not running."
  say "Redis ngừng trả lời trong ${seconds} s / Redis stops answering for ${seconds} s (pid $pid, SIGSTOP) ..."
  trap "kill -CONT $pid 2>/dev/null || true" EXIT
  kill -STOP "$pid"
  sleep "$seconds"
  kill -CONT "$pid"
  trap - EXIT
  say "  Redis chạy tiếp / Redis carries on (SIGCONT)."
}

after_redis_start() {
  local nodes
  read -r -a nodes <<<"$(running_nodes)"
  (( ${#nodes[@]} )) || return 0
  say "Chờ các nút sẵn sàng lại / waiting for the running nodes to be ready again: ${nodes[*]} ..."
  wait_nodes_ready "${nodes[@]}" || die "các nút không tự phục hồi sau khi Redis trở lại / nodes did not recover after Redis came back."
  say "  Các nút đã sẵn sàng / nodes ready."
}

cmd_redis() {
  local action="$1" signal=TERM down_for=0 stall_for=0
  shift
  if [[ "$action" == stall ]]; then need_int stall-redis "${1:-}"; stall_for="$1"; shift; fi
  while (( $# )); do
    case "$1" in
      --kill) signal=KILL; shift ;;
      --down-for) need_int --down-for "${2:-}"; down_for="$2"; shift 2 ;;
      --timeout) need_int --timeout "${2:-}"; TIMEOUT="$2"; shift 2 ;;
      *) die "tùy chọn không rõ / unknown option: $1" ;;
    esac
  done
  [[ -f "$SETTINGS" ]] || die "chưa có cụm / no cluster; run 'up' first."
  load_settings
  lock_run_dir
  case "$action" in
    stop) stop_redis "$signal"; echo "redis stopped" ;;
    start) start_redis; after_redis_start; echo "redis started" ;;
    restart)
      stop_redis "$signal"
      (( down_for > 0 )) && { say "Redis tắt trong ${down_for} s / Redis stays down for ${down_for} s ..."; sleep "$down_for"; }
      start_redis
      after_redis_start
      echo "redis restarted"
      ;;
    stall) stall_redis "$stall_for"; after_redis_start; echo "redis stalled ${stall_for} s" ;;
  esac
}

# Every client loses its connection at once, as when the hall's balancer restarts: the reconnect storm.
cmd_restart_balancer() {
  local down_for=0
  while (( $# )); do
    case "$1" in
      --down-for) need_int --down-for "${2:-}"; down_for="$2"; shift 2 ;;
      *) die "tùy chọn không rõ / unknown option: $1" ;;
    esac
  done
  [[ -f "$SETTINGS" ]] || die "chưa có cụm / no cluster; run 'up' first."
  load_settings
  lock_run_dir
  stop_nginx
  (( down_for > 0 )) && { say "nginx tắt trong ${down_for} s / nginx stays down for ${down_for} s ..."; sleep "$down_for"; }
  start_nginx
  echo "balancer restarted"
}

main() {
  local cmd="${1:-help}"
  (( $# )) && shift
  case "$cmd" in
    up) cmd_up "$@" ;;
    down) cmd_down "$@" ;;
    status) cmd_status ;;
    url) [[ -f "$SETTINGS" ]] || die "chưa có cụm / no cluster; run 'up' first."; load_settings; balancer_url ;;
    kill-node) cmd_kill_node "$@" ;;
    start-node) cmd_start_node "$@" ;;
    restart-redis) cmd_redis restart "$@" ;;
    stop-redis) cmd_redis stop "$@" ;;
    start-redis) cmd_redis start "$@" ;;
    restart-balancer) cmd_restart_balancer "$@" ;;
    stall-redis) cmd_redis stall "$@" ;;
    nginx-conf) cmd_nginx_conf "$@" ;;
    help|-h|--help) usage ;;
    *) usage >&2; die "lệnh không rõ / unknown command: $cmd" ;;
  esac
}

main "$@"
