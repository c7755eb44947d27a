# Attain's entry points. Every target first runs `deps`, which installs whatever the project
# needs from Debian 12 and npm and takes well under a second when nothing is missing.
#
#   make deps        system packages (apt) and project-local tools (npm ci -> node_modules/)
#   make build       configure and build into build/
#   make test        build, then every ctest test (unit, lint, the integration stack)
#   make run         build, then run the whole stack locally (deploy/local/run.sh); Ctrl-C stops
#   make clean-run   stop what `make run` left running and delete its state (.run/)
#   make lint        buf lint the protos
#   make bench       run the benchmark programs (figures beside their baselines)
#   make clean       delete build/

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.ONESHELL:
.DEFAULT_GOAL := build

BUILD_DIR ?= build
BUILD_TYPE ?= RelWithDebInfo
JOBS ?= 2

APT_PACKAGES := build-essential cmake ninja-build pkg-config \
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler libabsl-dev \
  libhiredis-dev prometheus-cpp-dev libgtest-dev libgmock-dev googletest libbenchmark-dev \
  postgresql-15 libpq-dev redis-server redis-tools nginx libjwt-dev nlohmann-json3-dev \
  libssl-dev libcli11-dev python3-grpcio python3-grpc-tools python3-yaml nghttp2-client curl ca-certificates
# Packages whose install would start a system daemon; Attain runs its own instances instead.
APT_DAEMON_UNITS := postgresql-15=postgresql redis-server=redis-server nginx=nginx

SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
POLICY_RC_D := /usr/sbin/policy-rc.d

.PHONY: deps apt-deps npm-deps build test run clean-run lint bench clean

deps: apt-deps npm-deps

# Only missing packages are installed, and apt-get update runs only when the package lists are
# missing, more than a day old, or have no candidate for a missing package. node and npm come
# from Debian only when neither is on PATH (a machine may carry its own Node.js build, whose
# npm conflicts with Debian's).
apt-deps:
	@missing=$$(comm -13 \
	  <({ dpkg-query -W -f='$${Package} $${db:Status-Abbrev}\n' $(APT_PACKAGES) 2>/dev/null || true; } |
	    awk '$$2 == "ii" { print $$1 }' | sort -u) \
	  <(printf '%s\n' $(APT_PACKAGES) | sort -u))
	if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
	  missing="$$missing nodejs npm"
	fi
	missing=$$(echo $$missing)
	[[ -n $$missing ]] || exit 0
	echo "deps: installing $$missing"
	lists_stale=true
	if [[ -n $$(find /var/lib/apt/lists /var/lib/apt/lists/partial -maxdepth 0 -mmin -1440 2>/dev/null) ]] &&
	   compgen -G '/var/lib/apt/lists/*_Packages*' >/dev/null; then
	  lists_stale=false
	fi
	for pkg in $$missing; do
	  apt-cache policy "$$pkg" 2>/dev/null | grep -q 'Candidate: [^(]' || lists_stale=true
	done
	if $$lists_stale; then $(SUDO) apt-get update; fi
	# Keep package scripts from starting postgresql/redis/nginx system services while we install
	# (invoke-rc.d honours policy-rc.d); ours run privately on other ports.
	if [[ ! -e $(POLICY_RC_D) ]]; then
	  trap '$(SUDO) rm -f $(POLICY_RC_D)' EXIT
	  printf '#!/bin/sh\n# Written by Attain `make deps` for one apt-get install.\nexit 101\n' |
	    $(SUDO) tee $(POLICY_RC_D) >/dev/null
	  $(SUDO) chmod 755 $(POLICY_RC_D)
	fi
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $$missing
	# ...nor at the next boot, for the daemons this run installed.
	if [[ -d /run/systemd/system ]]; then
	  for pair in $(APT_DAEMON_UNITS); do
	    [[ " $$missing " == *" $${pair%%=*} "* ]] || continue
	    $(SUDO) systemctl disable --now --quiet "$${pair#*=}" 2>/dev/null || true
	  done
	fi

npm-deps: node_modules/.package-lock.json

# npm writes node_modules/.package-lock.json on every install, so it dates node_modules.
# --ignore-scripts: buf works without its postinstall step, and nothing runs as root.
node_modules/.package-lock.json: package-lock.json package.json | apt-deps
	@npm ci --no-audit --no-fund --ignore-scripts
	touch $@

build: deps
	cmake -G Ninja -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE)
	cmake --build $(BUILD_DIR) -j$(JOBS)

# Unit tests carry the ctest label `unit`, buf lint `lint`; the integration test binary starts
# the whole stack itself.
test: deps build
	cd $(BUILD_DIR) && ctest --output-on-failure -j$(JOBS)

run: deps build
	deploy/local/run.sh

clean-run: deps
	deploy/local/run.sh clean

lint: deps
	cd protos && ../node_modules/.bin/buf lint

# Every benchmark program under bench/, each printing its figures beside a baseline measured
# in the same run. Results are recorded in docs/benchmarks.md.
bench: build
	for b in $(BUILD_DIR)/bench/*_bench; do echo "== $$b"; "$$b"; done

clean: deps
	rm -rf $(BUILD_DIR)
