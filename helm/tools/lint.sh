#!/usr/bin/env bash
# Lints the Attain chart (helm/attain) without a cluster; exits non-zero on any problem.
#   1. helm lint, plain and --strict, with the default values and each ci/*-values.yaml
#   2. helm template with each of them; check_manifests.py checks the rendered manifests
#      (kinds, labels, references, security, probes, the gateway's routes)
#   3. nginx -t on each rendered gateway nginx.conf, when nginx is installed
#   4. values the chart must refuse are refused
# Run from anywhere: helm/tools/lint.sh   (ctest: helm_lint)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
chart=$root/helm/attain
tools=$root/helm/tools
"$tools/install-helm.sh"
helm=$root/.tools/bin/helm

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0

fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

# helm reports the link files/nginx.conf.template -> deploy/gateway/ on every load; that is
# intended (one template for both deployments), so that line alone is dropped.
run_helm() {
  local status=0
  "$helm" "$@" 2>"$work/helm.err" || status=$?
  grep -v 'found symbolic link in path' "$work/helm.err" >&2 || true
  return "$status"
}

# A Python 3 with PyYAML: the PATH one, else Debian's (package python3-yaml).
python_yaml=""
for candidate in python3 /usr/bin/python3; do
  if command -v "$candidate" >/dev/null && "$candidate" -c 'import yaml' 2>/dev/null; then
    python_yaml=$candidate
    break
  fi
done
[[ -n $python_yaml ]] || echo "lint.sh: no python3 with PyYAML; manifest checks skipped" >&2

# nginx -t with the upstream hosts pointed at 127.0.0.1 (cluster DNS names do not resolve
# here), the prefix in a temporary directory and, with TLS, a throwaway certificate.
nginx_test() {
  local conf=$1 dir=$work/nginx
  rm -rf "$dir" && mkdir -p "$dir/logs" "$dir/tmp" "$dir/tls"
  sed -E -e 's#server [A-Za-z0-9.-]+:([0-9]+)#server 127.0.0.1:\1#' \
         -e "s#/var/lib/attain-gateway#$dir#g" -e "s#/etc/attain-gateway/tls#$dir/tls#g" \
         "$conf" >"$dir/nginx.conf"
  if grep -q ssl_certificate "$dir/nginx.conf"; then
    command -v openssl >/dev/null || { echo "lint.sh: no openssl; TLS nginx -t skipped" >&2; return 0; }
    openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=attain-lint \
      -keyout "$dir/tls/tls.key" -out "$dir/tls/tls.crt" 2>/dev/null
  fi
  nginx -q -t -p "$dir" -e "$dir/logs/error.log" -c "$dir/nginx.conf"
}

# name|values file ("" = defaults)|every kind rendered, with its count
renders=(
  "default||ConfigMap=1,Deployment=5,Job=4,Pod=1,PodDisruptionBudget=5,Service=5"
  "production|$chart/ci/production-values.yaml|ConfigMap=1,Deployment=5,HorizontalPodAutoscaler=3,Job=4,NetworkPolicy=2,Pod=1,PodDisruptionBudget=5,Service=5,ServiceMonitor=1"
  "dev|$chart/ci/dev-values.yaml|ConfigMap=1,Deployment=5,Pod=1,PodDisruptionBudget=5,Service=5"
)
for render in "${renders[@]}"; do
  IFS='|' read -r name values expect <<<"$render"
  args=()
  [[ -z $values ]] || args=(-f "$values")
  echo "== $name values"
  run_helm lint "$chart" "${args[@]}" >/dev/null || fail "helm lint ($name values)"
  run_helm lint --strict "$chart" "${args[@]}" || fail "helm lint --strict ($name values)"
  if ! run_helm template attain "$chart" --namespace attain "${args[@]}" >"$work/$name.yaml"; then
    fail "helm template ($name values)"
    continue
  fi
  if [[ -n $python_yaml ]]; then
    "$python_yaml" "$tools/check_manifests.py" --expect "$expect" \
      --nginx-conf "$work/$name.nginx.conf" "$work/$name.yaml" || fail "manifest checks ($name values)"
    if command -v nginx >/dev/null && [[ -f $work/$name.nginx.conf ]]; then
      nginx_test "$work/$name.nginx.conf" || fail "nginx -t of the gateway config ($name values)"
    fi
  fi
done

echo "== older cluster (Kubernetes 1.29: no preStop sleep action)"
if run_helm template attain "$chart" --kube-version 1.29.0 >"$work/k129.yaml"; then
  ! grep -q '^ *sleep:$' "$work/k129.yaml" || fail "preStop sleep rendered for Kubernetes 1.29"
else
  fail "helm template --kube-version 1.29.0"
fi

echo "== values the chart must refuse"
refused=(
  "--set planning.replicaz=2"
  "--set auth.jwtSecretSecret=attain-jwt-secret"
  "--set auth.jwtPublicKeySecret="
  "--set auth.serviceTokenSecret="
  "--set redis.address=redis"
  "--set postgres.sslMode=always"
  "--set gateway.port=80"
)
for flags in "${refused[@]}"; do
  # shellcheck disable=SC2086  # flags are words on purpose
  if "$helm" template attain "$chart" $flags >/dev/null 2>&1; then
    fail "helm template accepted $flags"
  fi
done

if ((failures > 0)); then
  echo "lint.sh: $failures check(s) failed" >&2
  exit 1
fi
echo "lint.sh: chart OK"
