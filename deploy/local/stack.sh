# shellcheck shell=bash
# Library for running Attain's stack as local processes: a private PostgreSQL 15 cluster,
# Redis, the four services and the nginx gateway, all state under one directory.
# Source it; it sets no shell options of its own. Used by deploy/local/run.sh (`make run`).
#
#   source deploy/local/stack.sh
#   stack_pg_start STATE 55432            # initdb on first use, start, wait, bootstrap.sql
#   stack_redis_start STATE 56379
#   stack_service_start STATE planning 127.0.0.1:7101 127.0.0.1:9101 [NAME=VALUE ...]
#   stack_wait_healthy 60 127.0.0.1:7101 ...
#   stack_gateway_start STATE 127.0.0.1:8080   # upstreams from PLANNING_UPSTREAM etc.
#   stack_stop_all STATE
#
# Layout of STATE: pg/ (cluster: data/, socket, postgres.log), redis/, gateway/ (nginx prefix),
# logs/<component>.log, pids/<component>.pid.
#
# Running as root: initdb and postgres refuse to run as root, so the cluster runs as the
# unprivileged system user $STACK_RUNTIME_USER (default "attain", created with useradd when
# missing) through `runuser`, and the gateway's nginx workers run as that user too. When that
# user cannot reach STATE (e.g. the checkout lives under /root, mode 0700), the cluster and the
# gateway prefix live in ${TMPDIR:-/tmp}/attain-<hash of STATE>/ instead, symlinked from STATE.
# Redis and the services run as the invoking user.

STACK_REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# Where attain-<svc>, attainctl and attain-datagen were built (e.g. a sanitizer build-asan/).
STACK_BUILD_DIR=${STACK_BUILD_DIR:-$STACK_REPO_ROOT/build}
STACK_PG_BIN=${STACK_PG_BIN:-/usr/lib/postgresql/15/bin}
# Debian's interpreter: it is the one with python3-grpcio (a pyenv python3 on PATH is not).
STACK_PYTHON=${STACK_PYTHON:-/usr/bin/python3}
STACK_RUNTIME_USER=${STACK_RUNTIME_USER:-attain}
STACK_STOP_TIMEOUT_S=${STACK_STOP_TIMEOUT_S:-20}

stack_log() { printf '[stack] %s\n' "$*" >&2; }
stack_die() { printf '[stack] error: %s\n' "$*" >&2; return 1; }

stack_is_root() { [[ $(id -u) -eq 0 ]]; }

# stack_poll SECONDS DESCRIPTION COMMAND... — runs COMMAND until it succeeds or time runs out.
stack_poll() {
  local seconds=$1 what=$2
  shift 2
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    if ((SECONDS >= deadline)); then
      stack_die "$what: not ready after ${seconds}s"
      return 1
    fi
    sleep 0.1
  done
}

stack_port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

# stack_require_free_port HOST PORT WHAT — fails with a clear message when PORT is taken.
stack_require_free_port() {
  if stack_port_open "$1" "$2"; then
    stack_die "port $2 on $1 (for $3) is already in use; stop whatever listens there or choose another port"
    return 1
  fi
}

# Runs a command as the runtime user when we are root, as ourselves otherwise.
stack_as_runtime_user() {
  if stack_is_root; then
    runuser -u "$STACK_RUNTIME_USER" -- "$@"
  else
    "$@"
  fi
}

stack_ensure_runtime_user() {
  stack_is_root || return 0
  id -u "$STACK_RUNTIME_USER" >/dev/null 2>&1 && return 0
  stack_log "creating system user $STACK_RUNTIME_USER to run PostgreSQL and nginx workers"
  useradd --system --user-group --no-create-home --home-dir /nonexistent \
    --shell /usr/sbin/nologin "$STACK_RUNTIME_USER"
}

# stack_private_dir STATE NAME — prints a directory for NAME that the runtime user owns and can
# reach: STATE/NAME, or a symlink from it into $TMPDIR when STATE is not reachable (see top).
stack_private_dir() {
  local state=$1 name=$2
  local dir="$state/$name"
  mkdir -p "$state"
  if ! stack_is_root; then
    mkdir -p "$dir" && printf '%s\n' "$dir"
    return
  fi
  stack_ensure_runtime_user || return 1
  if [[ ! -e $dir ]]; then
    mkdir -p "$dir"
    chown "$STACK_RUNTIME_USER:" "$dir"
    if ! runuser -u "$STACK_RUNTIME_USER" -- test -w "$dir"; then
      rmdir "$dir"
      local outside
      outside="${TMPDIR:-/tmp}/attain-$(printf '%s' "$state" | cksum | cut -d' ' -f1)/$name"
      stack_log "$STACK_RUNTIME_USER cannot reach $state; keeping $name in $outside"
      mkdir -p "$outside"
      chown "$STACK_RUNTIME_USER:" "$outside" "$(dirname "$outside")"
      ln -s "$outside" "$dir"
    fi
  fi
  dir=$(readlink -f "$dir")
  chown "$STACK_RUNTIME_USER:" "$dir"
  printf '%s\n' "$dir"
}

# ---------------------------------------------------------------------------------- processes

stack_pidfile() { printf '%s/pids/%s.pid\n' "$1" "$2"; }

# stack_pid_alive STATE NAME COMM — prints the pid when NAME's pidfile names a live process
# whose command name is COMM, so a stale pidfile never gets an unrelated process killed.
stack_pid_alive() {
  local file pid comm
  file=$(stack_pidfile "$1" "$2")
  [[ -f $file ]] || return 1
  pid=$(<"$file")
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  comm=$(cat "/proc/$pid/comm" 2>/dev/null) || return 1
  [[ $comm == "${3:0:15}" ]] || return 1  # the kernel keeps 15 characters of it
  printf '%s\n' "$pid"
}

# Gone or a zombie (an orphan whose reaper is slow still counts as exited).
stack_pid_gone() {
  local stat
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 0
  stat=${stat##*) }
  [[ ${stat%% *} == Z ]]
}

# stack_stop_pid STATE NAME COMM — SIGTERM, wait up to STACK_STOP_TIMEOUT_S, then SIGKILL.
stack_stop_pid() {
  local state=$1 name=$2 comm=$3 pid
  if pid=$(stack_pid_alive "$state" "$name" "$comm"); then
    stack_log "stopping $name (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    if ! stack_poll "$STACK_STOP_TIMEOUT_S" "$name to exit" stack_pid_gone "$pid" 2>/dev/null; then
      stack_log "$name did not exit after ${STACK_STOP_TIMEOUT_S}s; killing it"
      kill -KILL "$pid" 2>/dev/null || true
    fi
    # Reaps it when it is our child, so its exit is not reported again.
    wait "$pid" 2>/dev/null || true
  fi
  rm -f "$(stack_pidfile "$state" "$name")"
  return 0
}

# stack_spawn STATE NAME COMMAND... — runs COMMAND in the background, output to
# STATE/logs/NAME.log (appended), pid to STATE/pids/NAME.pid.
stack_spawn() {
  local state=$1 name=$2
  shift 2
  mkdir -p "$state/logs" "$state/pids"
  "$@" >>"$state/logs/$name.log" 2>&1 </dev/null &
  printf '%s\n' "$!" >"$(stack_pidfile "$state" "$name")"
}

# ----------------------------------------------------------------------------------- postgres

stack_pg_dir() { stack_private_dir "$1" pg; }

stack_pg_ctl() {
  local dir=$1
  shift
  stack_as_runtime_user "$STACK_PG_BIN/pg_ctl" -D "$dir/data" "$@"
}

# stack_pg_start STATE PORT — creates the cluster on first use (trust auth, superuser
# "postgres"), starts it on 127.0.0.1:PORT, waits until it accepts connections and applies
# deploy/postgres/bootstrap.sql. Reuses a cluster of STATE that is already running.
stack_pg_start() {
  local state=$1 port=$2 dir
  dir=$(stack_pg_dir "$state") || return 1
  if [[ ! -f $dir/data/PG_VERSION ]]; then
    stack_log "initializing PostgreSQL cluster in $dir/data"
    stack_as_runtime_user "$STACK_PG_BIN/initdb" -D "$dir/data" -U postgres --auth=trust \
      --encoding=UTF8 --locale=C >"$dir/initdb.log" 2>&1 ||
      { cat "$dir/initdb.log" >&2; stack_die "initdb failed"; return 1; }
  fi
  # The Unix socket lives beside the data; a path too long for a socket address gets none
  # (everything here connects over TCP).
  local socket_dir=$dir
  ((${#dir} + 20 < 107)) || socket_dir=""
  if stack_pg_ctl "$dir" status >/dev/null 2>&1; then
    stack_log "PostgreSQL of $state is already running"
  else
    stack_require_free_port 127.0.0.1 "$port" PostgreSQL || return 1
    stack_log "starting PostgreSQL on 127.0.0.1:$port (log: $dir/postgres.log)"
    stack_pg_ctl "$dir" start -W -l "$dir/postgres.log" \
      -o "-p $port -k '$socket_dir' -c listen_addresses=127.0.0.1" >/dev/null ||
      { stack_die "pg_ctl start failed; see $dir/postgres.log"; return 1; }
  fi
  stack_poll 60 "PostgreSQL on 127.0.0.1:$port" \
    "$STACK_PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$port" -d postgres -U postgres ||
    { tail -n 20 "$dir/postgres.log" >&2; return 1; }
  stack_pg_bootstrap "$port"
}

# stack_pg_bootstrap PORT [psql -v NAME=VALUE ...] — applies bootstrap.sql (idempotent).
stack_pg_bootstrap() {
  local port=$1
  shift
  "$STACK_PG_BIN/psql" -X -q -h 127.0.0.1 -p "$port" -U postgres -d postgres \
    -v ON_ERROR_STOP=1 "$@" -f "$STACK_REPO_ROOT/deploy/postgres/bootstrap.sql" >/dev/null
}

stack_pg_stop() {
  local state=$1 dir
  [[ -e $state/pg ]] || return 0
  dir=$(readlink -f "$state/pg")
  [[ -f $dir/data/PG_VERSION ]] || return 0
  if stack_pg_ctl "$dir" status >/dev/null 2>&1; then
    stack_log "stopping PostgreSQL"
    stack_pg_ctl "$dir" stop -m fast -w -t "$STACK_STOP_TIMEOUT_S" >/dev/null ||
      stack_pg_ctl "$dir" stop -m immediate -w >/dev/null
  fi
  return 0
}

# -------------------------------------------------------------------------------------- redis

stack_redis_start() {
  local state=$1 port=$2
  stack_require_free_port 127.0.0.1 "$port" Redis || return 1
  mkdir -p "$state/redis"
  stack_log "starting Redis on 127.0.0.1:$port (log: $state/logs/redis.log)"
  stack_spawn "$state" redis redis-server --port "$port" --bind 127.0.0.1 \
    --dir "$state/redis" --daemonize no --appendonly yes --save "" --logfile ""
  stack_poll 30 "Redis on 127.0.0.1:$port" stack_redis_ping "$port" ||
    { tail -n 20 "$state/logs/redis.log" >&2; return 1; }
}

stack_redis_ping() { [[ $(redis-cli -h 127.0.0.1 -p "$1" ping 2>/dev/null) == PONG ]]; }

stack_redis_stop() { stack_stop_pid "$1" redis redis-server; }

# ----------------------------------------------------------------------------------- services

STACK_SERVICES=(planning compensation workflow analytics)

stack_service_bin() { printf '%s/services/attain-%s\n' "$STACK_BUILD_DIR" "$1"; }

# stack_service_start STATE SVC GRPC_ADDR METRICS_ADDR [NAME=VALUE ...] — applies SVC's
# migrations, then runs it in the background. Configuration is the environment (ATTAIN_*)
# plus the NAME=VALUE pairs; the listen addresses come from the arguments.
stack_service_start() {
  local state=$1 svc=$2 grpc=$3 metrics=$4
  shift 4
  local bin
  bin=$(stack_service_bin "$svc")
  [[ -x $bin ]] || { stack_die "$bin is missing; run 'make build'"; return 1; }
  stack_require_free_port "${grpc%:*}" "${grpc##*:}" "$svc gRPC" || return 1
  stack_require_free_port "${metrics%:*}" "${metrics##*:}" "$svc metrics" || return 1
  mkdir -p "$state/logs"
  env "$@" "$bin" migrate >>"$state/logs/$svc.log" 2>&1 </dev/null ||
    { tail -n 20 "$state/logs/$svc.log" >&2; stack_die "$svc: migrate failed"; return 1; }
  stack_log "starting $svc on $grpc (metrics $metrics, log: $state/logs/$svc.log)"
  stack_spawn "$state" "$svc" env "$@" ATTAIN_GRPC_ADDRESS="$grpc" \
    ATTAIN_METRICS_ADDRESS="$metrics" "$bin"
}

stack_service_stop() { stack_stop_pid "$1" "$2" "attain-$2"; }

# stack_wait_healthy SECONDS [--watch-pid PID ...] HOST:PORT... — every address answers
# grpc.health.v1 SERVING; gives up early when a watched process exits.
stack_wait_healthy() {
  local seconds=$1
  shift
  "$STACK_PYTHON" "$STACK_REPO_ROOT/deploy/local/wait_healthy.py" --deadline "$seconds" "$@"
}

# ------------------------------------------------------------------------------------ gateway

# stack_gateway_start STATE LISTEN — renders the nginx config (upstreams and limits from the
# environment, see deploy/gateway/render.sh) and runs nginx in the foreground of a background
# job, error log and pid in its prefix.
stack_gateway_start() {
  local state=$1 listen=$2 prefix
  stack_require_free_port "${listen%:*}" "${listen##*:}" gateway || return 1
  prefix=$(stack_private_dir "$state" gateway) || return 1
  local user_env=()
  stack_is_root && user_env=(GATEWAY_USER="$STACK_RUNTIME_USER")
  env "${user_env[@]}" GATEWAY_LISTEN="$listen" GATEWAY_PREFIX="$prefix" \
    "$STACK_REPO_ROOT/deploy/gateway/render.sh" "$prefix/nginx.conf" || return 1
  local nginx=(nginx -p "$prefix" -e "$prefix/logs/error.log" -c "$prefix/nginx.conf")
  "${nginx[@]}" -t -q || { stack_die "nginx rejected $prefix/nginx.conf"; return 1; }
  stack_log "starting gateway on $listen (logs: $prefix/logs/)"
  stack_spawn "$state" gateway "${nginx[@]}" -g 'daemon off;'
  stack_poll 15 "gateway on $listen" stack_port_open "${listen%:*}" "${listen##*:}" ||
    { tail -n 20 "$prefix/logs/error.log" >&2; return 1; }
}

stack_gateway_stop() { stack_stop_pid "$1" gateway nginx; }

# ---------------------------------------------------------------------------------------- all

# stack_stop_all STATE — stops whatever of STATE is running, front to back.
stack_stop_all() {
  local state=$1 i
  stack_gateway_stop "$state"
  for ((i = ${#STACK_SERVICES[@]} - 1; i >= 0; i--)); do
    stack_service_stop "$state" "${STACK_SERVICES[i]}"
  done
  stack_redis_stop "$state"
  stack_pg_stop "$state"
}

# stack_clean STATE — stops everything and deletes STATE, including any directory kept
# outside it for the runtime user.
stack_clean() {
  local state=$1 link
  [[ -d $state ]] || return 0
  stack_stop_all "$state"
  local outside
  for link in "$state/pg" "$state/gateway"; do
    [[ -L $link ]] || continue
    outside=$(readlink -f "$link")
    rm -rf "$outside"
    rmdir "$(dirname "$outside")" 2>/dev/null || true
  done
  rm -rf "$state"
}
