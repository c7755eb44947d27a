#!/usr/bin/env bash
# Runs the whole Attain stack on this machine (what `make run` runs) and waits; Ctrl-C stops it.
#
#   deploy/local/run.sh          start everything, load demo data the first time, wait
#   deploy/local/run.sh stop     stop what an earlier run left running (keeps the data)
#   deploy/local/run.sh clean    stop it and delete the state directory
#
# State lives in ./.run (ATTAIN_STATE_DIR): PostgreSQL and Redis data, logs/, the gateway's
# nginx prefix, jwt.secret, admin.token, endpoints.env. A second run reuses all of it.
# Ports (all on 127.0.0.1): gateway 8080 (ATTAIN_GATEWAY_PORT), PostgreSQL 15432
# (ATTAIN_PG_PORT), Redis 16379 (ATTAIN_REDIS_PORT), services' gRPC 7101-7104
# (ATTAIN_SERVICE_PORT_BASE, the first of four) and metrics 9101-9104
# (ATTAIN_METRICS_PORT_BASE) for planning, compensation, workflow, analytics.
# A second stack beside the first, e.g.:
#   ATTAIN_STATE_DIR=/tmp/demo ATTAIN_GATEWAY_PORT=18180 ATTAIN_PG_PORT=18432 \
#   ATTAIN_REDIS_PORT=18379 ATTAIN_SERVICE_PORT_BASE=18101 ATTAIN_METRICS_PORT_BASE=18201 \
#   deploy/local/run.sh
#
# Demo data (seed 42, loaded once; see load_demo_data): the organization, products, 20,000
# accounts, three years of bookings, a territory tree with its sellers, and an account
# assignment as of today; then a compensation month: 50,000 sales transactions of July to
# October 2026, FX rates to USD, the plan in deploy/local/demo/ assigned to every Account
# Executive, and a calculation run of 2026-10. ATTAIN_DEMO_ACCOUNTS, ATTAIN_DEMO_YEARS and
# ATTAIN_DEMO_TRANSACTIONS change the size.
# As root, PostgreSQL runs as the system user "attain" (see deploy/local/stack.sh).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."
# shellcheck source=deploy/local/stack.sh
source deploy/local/stack.sh

STATE=${ATTAIN_STATE_DIR:-.run}
mkdir -p "$STATE"
STATE=$(cd "$STATE" && pwd)
GATEWAY=127.0.0.1:${ATTAIN_GATEWAY_PORT:-8080}
PG_PORT=${ATTAIN_PG_PORT:-15432}
REDIS_PORT=${ATTAIN_REDIS_PORT:-16379}
START_TIMEOUT_S=${ATTAIN_START_TIMEOUT_S:-90}
SERVICE_PORT_BASE=${ATTAIN_SERVICE_PORT_BASE:-7101}
METRICS_PORT_BASE=${ATTAIN_METRICS_PORT_BASE:-9101}
DEMO_ACCOUNTS=${ATTAIN_DEMO_ACCOUNTS:-20000}
DEMO_YEARS=${ATTAIN_DEMO_YEARS:-3}
DEMO_TRANSACTIONS=${ATTAIN_DEMO_TRANSACTIONS:-50000}
ATTAINCTL=$STACK_BUILD_DIR/tools/attainctl/attainctl
DATAGEN=$STACK_BUILD_DIR/tools/datagen/attain-datagen
# The services take exactly one signing key source; this stack's is $STATE/jwt.secret.
unset ATTAIN_JWT_SECRET ATTAIN_JWT_PUBLIC_KEY_FILE

declare -A GRPC METRICS
port=0
for svc in "${STACK_SERVICES[@]}"; do
  GRPC[$svc]=127.0.0.1:$((SERVICE_PORT_BASE + port))
  METRICS[$svc]=127.0.0.1:$((METRICS_PORT_BASE + port))
  port=$((port + 1))
done

log() { printf '[run] %s\n' "$*" >&2; }
die() { printf '[run] error: %s\n' "$*" >&2; exit 1; }

# The components this script supervises (PostgreSQL daemonizes and is reused across runs).
COMPONENTS=(gateway "${STACK_SERVICES[@]}" redis)

component_alive() {
  local comm
  case $1 in
    gateway) comm=nginx ;;
    redis) comm=redis-server ;;
    *) comm=attain-$1 ;;
  esac
  stack_pid_alive "$STATE" "$1" "$comm" >/dev/null
}

running_components() {
  local name
  for name in "${COMPONENTS[@]}"; do
    component_alive "$name" && printf '%s ' "$name"
  done
  return 0
}

preflight() {
  local bin svc
  for bin in "${STACK_SERVICES[@]/#/$STACK_BUILD_DIR/services/attain-}" "$ATTAINCTL" "$DATAGEN"; do
    [[ -x $bin ]] || die "$bin is missing; build first ('make build')"
  done
  local running
  running=$(running_components)
  [[ -z $running ]] ||
    die "an earlier run is still up ($running); stop it with Ctrl-C in its terminal or 'deploy/local/run.sh stop'"
  # Every port up front, so a busy one fails before anything starts.
  stack_require_free_port 127.0.0.1 "${GATEWAY##*:}" gateway || exit 1
  stack_require_free_port 127.0.0.1 "$REDIS_PORT" Redis || exit 1
  if [[ ! -e $STATE/pg ]] || ! stack_pg_ctl "$(readlink -f "$STATE/pg")" status >/dev/null 2>&1; then
    stack_require_free_port 127.0.0.1 "$PG_PORT" PostgreSQL || exit 1
  fi
  for svc in "${STACK_SERVICES[@]}"; do
    stack_require_free_port 127.0.0.1 "${GRPC[$svc]##*:}" "$svc gRPC" || exit 1
    stack_require_free_port 127.0.0.1 "${METRICS[$svc]##*:}" "$svc metrics" || exit 1
  done
}

ensure_jwt_secret() {
  [[ -s $STATE/jwt.secret ]] && return
  log "generating $STATE/jwt.secret"
  (umask 077 && openssl rand -hex 32 | tr -d '\n' >"$STATE/jwt.secret")
}

start_services() {
  local svc extra
  for svc in "${STACK_SERVICES[@]}"; do
    extra=()
    # Analytics backfills from planning; compensation checks imported references there.
    [[ $svc == analytics || $svc == compensation ]] && extra=(ATTAIN_PLANNING_ADDRESS="${GRPC[planning]}")
    stack_service_start "$STATE" "$svc" "${GRPC[$svc]}" "${METRICS[$svc]}" \
      ATTAIN_PG_DSN="host=127.0.0.1 port=$PG_PORT dbname=attain user=attain_$svc" \
      ATTAIN_REDIS_ADDRESS="127.0.0.1:$REDIS_PORT" \
      ATTAIN_JWT_SECRET_FILE="$STATE/jwt.secret" \
      "${extra[@]}"
  done
  log "waiting for the services to report SERVING (up to ${START_TIMEOUT_S}s)"
  local args=()
  for svc in "${STACK_SERVICES[@]}"; do
    args+=(--watch-pid "$(<"$(stack_pidfile "$STATE" "$svc")")" "${GRPC[$svc]}")
  done
  if ! stack_wait_healthy "$START_TIMEOUT_S" "${args[@]}"; then
    report_exited
    die "services did not become healthy; see $STATE/logs/"
  fi
}

write_endpoints() {
  local svc upper
  {
    echo "# Written by deploy/local/run.sh; read by attainctl and scripts."
    echo "ATTAIN_GATEWAY=$GATEWAY"
    for svc in "${STACK_SERVICES[@]}"; do
      upper=${svc^^}
      echo "ATTAIN_${upper}_GRPC=${GRPC[$svc]}"
      echo "ATTAIN_${upper}_METRICS=${METRICS[$svc]}"
    done
    echo "ATTAIN_POSTGRES=127.0.0.1:$PG_PORT"
    echo "ATTAIN_REDIS=127.0.0.1:$REDIS_PORT"
  } >"$STATE/endpoints.env.tmp"
  mv -f "$STATE/endpoints.env.tmp" "$STATE/endpoints.env"
}

write_admin_token() {
  (umask 077 && "$ATTAINCTL" token --jwt-secret-file "$STATE/jwt.secret" \
    --subject admin --role admin --ttl 12h >"$STATE/admin.token.tmp")
  mv -f "$STATE/admin.token.tmp" "$STATE/admin.token"
}

# "created=225 updated=0" from attainctl's one-row table output. Each value is cut from the
# row at its column's place in the (upper-case) header, so values with spaces and empty cells
# keep their columns; output that is not such a table shows its first line.
summary_of() {
  awk 'NR == 1 {
         if ($0 !~ /^[A-Z0-9_]+(  +[A-Z0-9_]+)*$/) { print; exit }
         rest = $0; offset = 0
         while (match(rest, /[A-Z0-9_]+/)) {
           n++; name[n] = tolower(substr(rest, RSTART, RLENGTH)); start[n] = offset + RSTART
           offset += RSTART + RLENGTH - 1; rest = substr(rest, RSTART + RLENGTH)
         }
         next
       }
       NR == 2 {
         for (i = 1; i <= n; i++) {
           value = i < n ? substr($0, start[i], start[i + 1] - start[i]) : substr($0, start[i])
           gsub(/^ +| +$/, "", value)
           if (value != "") out = out (out == "" ? "" : " ") name[i] "=" value
         }
         print out; exit
       }' "$1"
}

# shellcheck disable=SC2317  # invoked through demo_step
demo_ctl() { "$ATTAINCTL" --server "$GATEWAY" --token "$(<"$STATE/admin.token")" "$@"; }

# demo_step NAME DESCRIPTION COMMAND...: runs COMMAND unless step NAME finished before.
demo_step() {
  local demo=$STATE/demo name=$1 what=$2 started=$SECONDS
  shift 2
  [[ -f $demo/$name.done ]] && return
  log "loading $what"
  "$@" >"$demo/$name.log" || { cat "$demo/$name.log" >&2; die "loading $what failed"; }
  touch "$demo/$name.done"
  log "  done in $((SECONDS - started))s: $(summary_of "$demo/$name.log")"
}

# Demo data, loaded once; a later run keeps whatever the database holds. Each step leaves a
# marker, so a run interrupted while loading resumes at the step that did not finish (the
# bulk steps carry fixed request ids, so a retried step adds nothing twice). The planning
# data and the compensation month have a marker each, so a state directory loaded before the
# month existed gains it on its next run.
load_demo_data() {
  local demo=$STATE/demo
  mkdir -p "$demo"
  [[ -f $demo/loaded ]] || load_demo_planning
  [[ -f $demo/month_loaded ]] || load_demo_month
  [[ -f $demo/periods_loaded ]] || load_demo_periods
}

load_demo_planning() {
  local demo=$STATE/demo
  local started=$SECONDS
  "$DATAGEN" org --seed 42 --out "$demo/sellers.csv"
  "$DATAGEN" products --seed 42 --out "$demo/products.csv"
  "$DATAGEN" accounts --seed 42 --count "$DEMO_ACCOUNTS" --out "$demo/accounts.csv"
  "$DATAGEN" bookings --seed 42 --accounts "$DEMO_ACCOUNTS" --years "$DEMO_YEARS" \
    --out "$demo/bookings.csv"
  "$DATAGEN" territories --seed 42 --accounts "$DEMO_ACCOUNTS" --out "$demo/territories.csv"
  "$DATAGEN" territory-sellers --seed 42 --accounts "$DEMO_ACCOUNTS" \
    --out "$demo/territory_sellers.csv"
  demo_step sellers "the demo organization (seed 42)" demo_ctl sellers import "$demo/sellers.csv"
  demo_step products "the product catalog" demo_ctl products import "$demo/products.csv"
  demo_step accounts "$DEMO_ACCOUNTS accounts" demo_ctl accounts import "$demo/accounts.csv"
  demo_step bookings "$DEMO_YEARS years of bookings ($(($(wc -l <"$demo/bookings.csv") - 1)) rows)" \
    demo_ctl bookings import --batch 5000 --request-id demo-bookings-seed42 "$demo/bookings.csv"
  demo_step territories "the territory tree" \
    demo_ctl territories import --request-id demo-territories-seed42 "$demo/territories.csv"
  demo_step territory_sellers "territory sellers" \
    demo_ctl territories sellers import --request-id demo-territory-sellers-seed42 \
    "$demo/territory_sellers.csv"
  demo_step assignment "the account assignment as of today" demo_ctl territories assign
  # A FY2027 plan about 12 % above the demo's trailing-twelve-month bookings, allocated by
  # historical share (5 % padding at the top two levels) then potential, with seasonality
  # from history, taken through its lifecycle to ACTIVE.
  demo_step quota_plan "the FY2027 quota plan" \
    demo_ctl quotas allocate fy2027 --root world --fiscal-year 2027 --target 110000000000 \
    --currency USD --level-method 0=history:5 --level-method 1=history:5 \
    --level-method 2=potential:3 --history trailing-12 --seasonality history \
    --request-id demo-quota-plan-fy2027
  demo_step quota_submit "submitting the plan" demo_ctl quotas submit fy2027
  demo_step quota_approve "approving the plan" demo_ctl quotas approve fy2027
  demo_step quota_activate "activating the plan" demo_ctl quotas activate fy2027
  date -u +%FT%TZ >"$demo/loaded"
  log "demo data loaded in $((SECONDS - started))s"
}

# How many Account Executives datagen's org has (employed or not): the --reps that makes the
# transactions name the same reps.
demo_rep_count() {
  "$STACK_PYTHON" - "$STATE/demo/sellers.csv" <<'EOF'
import csv, sys
rows = csv.DictReader(open(sys.argv[1], newline=""))
print(sum(1 for r in rows if r["title"] == "Account Executive"))
EOF
}

# shellcheck disable=SC2317  # invoked through demo_step
# Fixed demo rates to USD for every other currency of the demo accounts, over the months the
# transactions cover (calculation converts each transaction at its month's rate). Prints the
# summed counts as one table.
demo_fx_rates() {
  local pair
  for pair in EUR:1.08 GBP:1.27 CAD:0.73 AUD:0.66 SGD:0.75 JPY:0.0067; do
    demo_ctl fx set "${pair%%:*}" USD 2026-07..2026-10 "${pair#*:}" \
      --request-id "demo-fx-${pair%%:*}-usd-2026" | tail -n +2 || return
  done | awk '{ c += $1; u += $2; n += $3 }
              END { printf "%-9s%-9s%s\n%-9d%-9d%d\n", "CREATED", "UPDATED", "UNCHANGED", c, u, n }'
}

# The compensation month: October 2026 calculated for every Account Executive on the plan of
# deploy/local/demo/ae_monthly_plan.json (a graduated commission on revenue by amount with an
# accelerator tier and a cap, an Analytics SPIF, a plan cap of twice the target incentive).
# Its tiers are by amount, not attainment: the demo's quota plan covers FY2027 only.
load_demo_month() {
  local demo=$STATE/demo started=$SECONDS reps
  reps=$(demo_rep_count)
  "$DATAGEN" transactions --seed 42 --accounts "$DEMO_ACCOUNTS" --reps "$reps" \
    --count "$DEMO_TRANSACTIONS" --months 4 --out "$demo/transactions.csv"
  demo_step transactions "$DEMO_TRANSACTIONS sales transactions (2026-07..2026-10)" \
    demo_ctl transactions import --batch 5000 --request-id demo-transactions-seed42 \
    "$demo/transactions.csv"
  demo_step fx_rates "FX rates to USD" demo_fx_rates
  demo_step comp_plan "the compensation plan ae-monthly" \
    demo_ctl plans create --request-id demo-plan-ae-monthly deploy/local/demo/ae_monthly_plan.json
  demo_step comp_plan_activate "activating it from 2026-01-01" \
    demo_ctl plans activate ae-monthly 1 --from 2026-01-01 --request-id demo-plan-ae-monthly-v1
  demo_step comp_plan_assign "assigning it to every Account Executive" \
    demo_ctl plans assign ae-monthly --title "Account Executive" --from 2026-01-01 \
    --target-incentive 10000 --id account-executives --request-id demo-plan-ae-monthly-assign
  demo_step calc_run "the calculation of 2026-10" \
    demo_ctl calc run --period 2026-10 --request-id demo-calc-2026-10
  date -u +%FT%TZ >"$demo/month_loaded"
  log "demo compensation month loaded in $((SECONDS - started))s"
}

# shellcheck disable=SC2317  # invoked through demo_step
# One September order of 125 000 USD for the demo rep, imported after September was locked,
# and the cancellation on 2026-10-15 of one of the rep's September orders (named by
# original_transaction_id: within the plan's 90-day window, it is clawed back in October at
# the rate September paid).
demo_late_deal() {
  local rep=$1 demo=$STATE/demo account product cancelled
  account=$(sed -n 2p "$demo/accounts.csv" | cut -d, -f1)
  product=$(sed -n 2p "$demo/products.csv" | cut -d, -f1)
  cancelled=$(demo_september_cancellation "$rep")
  {
    echo "source_system,transaction_id,type,transaction_date,account_id,product_id,amount,currency,quantity,margin,owner_seller_id,splits,attributes,original_transaction_id"
    echo "crm,LATE-0001,ORDER,2026-09-20,$account,$product,125000.00,USD,1,30000.00,$rep,,,"
    [[ -z $cancelled ]] || echo "$cancelled"
  } >"$demo/late_deal.csv"
  demo_ctl transactions import --request-id demo-late-deal-2026-09 "$demo/late_deal.csv"
}

# A CSV row cancelling the demo rep's largest September 2026 order that is theirs alone (no
# splits), or nothing when they have none.
demo_september_cancellation() {
  "$STACK_PYTHON" - "$STATE/demo/transactions.csv" "$1" <<'EOF'
import csv, sys
rep = sys.argv[2]
orders = [r for r in csv.DictReader(open(sys.argv[1], newline=""))
          if r["type"] == "ORDER" and r["transaction_date"].startswith("2026-09")
          and r["owner_seller_id"] == rep and not r["splits"]]
if orders:
    o = max(orders, key=lambda r: (float(r["amount"]), r["transaction_id"]))
    csv.writer(sys.stdout, lineterminator="\n").writerow(
        [o["source_system"], "CXL-" + o["transaction_id"], "CANCELLATION", "2026-10-15",
         o["account_id"], o["product_id"], o["amount"], o["currency"], o["quantity"], o["margin"],
         rep, "", "", o["transaction_id"]])
EOF
}

# shellcheck disable=SC2317  # invoked through demo_step
demo_lock_month() {
  demo_ctl periods approve "$1" --request-id "demo-approve-$1" >/dev/null &&
    demo_ctl periods lock "$1" --reason "paid (demo)" --request-id "demo-lock-$1"
}

# Periods across time: September calculated, approved and locked (paid); then a September
# deal arrives late and another is cancelled in October, and October's run trues September up
# and claws the cancelled deal back on the rep's October statement.
load_demo_periods() {
  local demo=$STATE/demo started=$SECONDS vp rep
  read -r vp rep < <(demo_examples)
  demo_step calc_run_2026_09 "the calculation of 2026-09" \
    demo_ctl calc run --period 2026-09 --request-id demo-calc-2026-09
  demo_step lock_2026_09 "2026-09 approved and locked (paid)" demo_lock_month 2026-09
  demo_step late_deal "a late September deal and a cancelled one for $rep" demo_late_deal "$rep"
  demo_step calc_run_trueup "2026-10 again, with September's true-up" \
    demo_ctl calc run --period 2026-10 --request-id demo-calc-2026-10-true-up
  date -u +%FT%TZ >"$demo/periods_loaded"
  log "demo periods loaded in $((SECONDS - started))s"
}

# Prints "VP_ID REP_ID" picked from the demo CSV, for the hints below: the rep is an Account
# Executive (paid by the demo plan).
demo_examples() {
  "$STACK_PYTHON" - "$STATE/demo/sellers.csv" <<'EOF' 2>/dev/null || echo "<vp-id> <rep-id>"
import csv, re, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
managers = {r.get("manager_id", "") for r in rows}
vp = next((r for r in rows if re.search(r"\bVP\b|Vice President", r.get("title", ""))), None)
vp = vp or next(r for r in rows if r["seller_id"] in managers)
rep = next(r for r in rows if r["seller_id"] not in managers and r.get("manager_id")
           and not r.get("termination_date") and r.get("title") == "Account Executive")
print(vp["seller_id"], rep["seller_id"])
EOF
}

print_welcome() {
  local ctl=${ATTAINCTL#"$PWD"/} vp rep account covering
  read -r vp rep < <(demo_examples) || true
  account=$(sed -n 2p "$STATE/demo/accounts.csv" 2>/dev/null | cut -d, -f1)
  covering=$(sed -n 2p "$STATE/demo/territory_sellers.csv" 2>/dev/null | cut -d, -f2)
  # attainctl finds ./.run by itself; another state directory must be named.
  local run_dir_hint=""
  [[ $STATE == "$PWD/.run" ]] || run_dir_hint=$'\n'"  export ATTAIN_RUN_DIR=$STATE"
  cat <<EOF

Attain is running. Gateway (gRPC, h2c): $GATEWAY
  endpoints: $STATE/endpoints.env    admin token: $STATE/admin.token    logs: $STATE/logs/

Try:${run_dir_hint}
  $ctl sellers list
  $ctl org reports $vp
  $ctl org chain $rep
  $ctl coverage
  $ctl territories list --level TERRITORY
  $ctl territories sellers list --seller ${covering:-$rep}
  $ctl territories explain ${account:-<account-id>}
  $ctl bookings summary --group-by family
  $ctl quotas get fy2027
  $ctl quotas sellers --as-of 2027-03-15 --seller ${covering:-$rep}
  $ctl forecast --territory na-east --months 6
  $ctl plans get ae-monthly
  $ctl periods list
  $ctl periods get 2026-09
  $ctl statements get $rep --period 2026-10      (September's true-up: a late deal)
  $ctl statements explain $rep --period 2026-10 --component revenue_commission
  $ctl payroll export --period 2026-10 --format table

Ctrl-C stops everything; the next 'make run' keeps the data ('make clean-run' deletes it).
EOF
}

# Names each supervised component that has exited, with the end of its log.
report_exited() {
  local name
  for name in "${COMPONENTS[@]}"; do
    [[ -f $(stack_pidfile "$STATE" "$name") ]] || continue  # never started
    if ! component_alive "$name"; then
      log "$name exited unexpectedly; last lines of $STATE/logs/$name.log:"
      tail -n 20 "$STATE/logs/$name.log" >&2
    fi
  done
}

# Returns when a component exits on its own.
watch_components() {
  wait -n || true
  report_exited
}

# shellcheck disable=SC2317  # invoked by the traps below
stop_everything() {
  trap - INT TERM EXIT
  log "stopping"
  stack_stop_all "$STATE"
}

case ${1:-start} in
  stop)
    stack_stop_all "$STATE"
    exit 0
    ;;
  clean)
    stack_clean "$STATE"
    exit 0
    ;;
  start) ;;
  *) die "usage: $0 [start|stop|clean]" ;;
esac

preflight
trap 'stop_everything; exit 130' INT
trap 'stop_everything; exit 143' TERM
trap stop_everything EXIT

ensure_jwt_secret
stack_pg_start "$STATE" "$PG_PORT"
stack_redis_start "$STATE" "$REDIS_PORT"
start_services
PLANNING_UPSTREAM=${GRPC[planning]} COMPENSATION_UPSTREAM=${GRPC[compensation]} \
  WORKFLOW_UPSTREAM=${GRPC[workflow]} ANALYTICS_UPSTREAM=${GRPC[analytics]} \
  stack_gateway_start "$STATE" "$GATEWAY"
write_endpoints
write_admin_token
load_demo_data
print_welcome
watch_components
exit 1
