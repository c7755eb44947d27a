#!/usr/bin/env bash
# Renders deploy/gateway/nginx.conf.template into OUT_FILE from the environment.
#
#   GATEWAY_LISTEN            host:port to listen on (required)
#   GATEWAY_PREFIX            directory for pid, temp files and logs (required; created)
#   PLANNING_UPSTREAM         "host:port" or a space-separated list of them (required);
#   COMPENSATION_UPSTREAM     likewise COMPENSATION_, WORKFLOW_ and ANALYTICS_UPSTREAM
#   WORKFLOW_UPSTREAM
#   ANALYTICS_UPSTREAM
#   GATEWAY_RATE_LIMIT_RPS    calls per second per client address (default 500)
#   GATEWAY_RATE_LIMIT_BURST  calls above the rate served at once before 429 (default 1000)
#   GATEWAY_MAX_BODY          client_max_body_size (default 64m)
#   GATEWAY_TLS_CERT/_KEY     both set: listen with TLS (ssl http2); otherwise cleartext h2c
#   GATEWAY_USER              when nginx starts as root, the user its workers run as
#   GATEWAY_WORKERS           worker_processes (default auto)
#   GATEWAY_ERROR_LOG_LEVEL   error_log level (default warn)
#
# Usage: render.sh OUT_FILE   then   nginx -p "$GATEWAY_PREFIX" -e "$GATEWAY_PREFIX/logs/error.log" -c OUT_FILE
set -euo pipefail

die() { echo "render.sh: $*" >&2; exit 2; }

[[ $# -eq 1 ]] || die "usage: render.sh OUT_FILE"
out=$1
template="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/nginx.conf.template"

for var in GATEWAY_LISTEN GATEWAY_PREFIX PLANNING_UPSTREAM COMPENSATION_UPSTREAM \
           WORKFLOW_UPSTREAM ANALYTICS_UPSTREAM; do
  [[ -n ${!var:-} ]] || die "$var is not set"
done

host_port_re='^[A-Za-z0-9._-]+:[0-9]{1,5}$|^\[[0-9A-Fa-f:.]+\]:[0-9]{1,5}$'
[[ $GATEWAY_LISTEN =~ $host_port_re ]] || die "GATEWAY_LISTEN must be host:port, got '$GATEWAY_LISTEN'"

mkdir -p "$GATEWAY_PREFIX/logs" "$GATEWAY_PREFIX/tmp"

# "a:1 b:2" (commas tolerated) -> one indented `server` line per address.
server_lines() {
  local var=$1 addr lines=""
  for addr in ${!var//,/ }; do
    [[ $addr =~ $host_port_re ]] || die "$var: '$addr' is not host:port"
    lines+="    server $addr max_fails=1 fail_timeout=5s;"$'\n'
  done
  [[ -n $lines ]] || die "$var lists no address"
  printf '%s' "${lines%$'\n'}"
}

# Placeholder -> value. Plain assignments first: a failing $(...) inside `declare` would pass.
prefix=$(cd "$GATEWAY_PREFIX" && pwd)
planning=$(server_lines PLANNING_UPSTREAM)
compensation=$(server_lines COMPENSATION_UPSTREAM)
workflow=$(server_lines WORKFLOW_UPSTREAM)
analytics=$(server_lines ANALYTICS_UPSTREAM)
declare -A value=(
  [PREFIX]=$prefix
  [LISTEN]=$GATEWAY_LISTEN
  [PLANNING_SERVERS]=$planning
  [COMPENSATION_SERVERS]=$compensation
  [WORKFLOW_SERVERS]=$workflow
  [ANALYTICS_SERVERS]=$analytics
  [RATE_LIMIT_RPS]=${GATEWAY_RATE_LIMIT_RPS:-500}
  [RATE_LIMIT_BURST]=${GATEWAY_RATE_LIMIT_BURST:-1000}
  [MAX_BODY]=${GATEWAY_MAX_BODY:-64m}
  [WORKER_PROCESSES]=${GATEWAY_WORKERS:-auto}
  [ERROR_LOG_LEVEL]=${GATEWAY_ERROR_LOG_LEVEL:-warn}
  [LISTEN_FLAGS]=http2
  [TLS_DIRECTIVES]=""
  [USER_DIRECTIVE]=""
)
[[ ${value[RATE_LIMIT_RPS]} =~ ^[1-9][0-9]*$ ]] || die "GATEWAY_RATE_LIMIT_RPS must be a positive integer"
[[ ${value[RATE_LIMIT_BURST]} =~ ^[0-9]+$ ]] || die "GATEWAY_RATE_LIMIT_BURST must be an integer"
[[ ${value[MAX_BODY]} =~ ^[0-9]+[kKmMgG]?$ ]] || die "GATEWAY_MAX_BODY must look like 64m"

if [[ -n ${GATEWAY_TLS_CERT:-} || -n ${GATEWAY_TLS_KEY:-} ]]; then
  [[ -r ${GATEWAY_TLS_CERT:-} && -r ${GATEWAY_TLS_KEY:-} ]] ||
    die "GATEWAY_TLS_CERT and GATEWAY_TLS_KEY must both name readable files"
  value[LISTEN_FLAGS]="ssl http2"
  value[TLS_DIRECTIVES]="    ssl_certificate $GATEWAY_TLS_CERT;
    ssl_certificate_key $GATEWAY_TLS_KEY;
    ssl_protocols TLSv1.2 TLSv1.3;
    ssl_session_cache shared:attain_tls:10m;"
fi
if [[ -n ${GATEWAY_USER:-} ]]; then
  value[USER_DIRECTIVE]="user $GATEWAY_USER;"
fi

config=$(<"$template")
for name in "${!value[@]}"; do
  config=${config//@$name@/${value[$name]}}
done
if [[ $config =~ @[A-Z_]+@ ]]; then
  die "template placeholder ${BASH_REMATCH[0]} has no value"
fi

tmp="$out.tmp.$$"
printf '%s\n' "$config" >"$tmp"
mv -f "$tmp" "$out"
