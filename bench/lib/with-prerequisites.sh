#!/usr/bin/env bash
# What the benches need, installed from Debian's packages if missing, then the command given (if any) in its place:
#   bench/lib/with-prerequisites.sh [COMMAND ...]
# bench/run.sh runs the harness through it; bench/python/'s scripts need the same.
set -euo pipefail

# command → Debian package. wrk is the load generator; Redis and PostgreSQL back the standalone backends.
declare -A needed=([wrk]=wrk [redis-server]=redis-server [pg_ctlcluster]=postgresql [node]=nodejs [npm]=npm [taskset]=util-linux [curl]=curl)
missing=()
for command in "${!needed[@]}"; do
  command -v "$command" >/dev/null || missing+=("${needed[$command]}")
done
if ((${#missing[@]})); then
  echo "installing ${missing[*]}" >&2
  # Waits for dpkg's lock: the tests run several benches at once, and the AppHost's engine may be installing too.
  apt=(apt-get -o DPkg::Lock::Timeout=300)
  "${apt[@]}" install -y -qq "${missing[@]}" >/dev/null 2>&1 || { "${apt[@]}" update -qq && "${apt[@]}" install -y -qq "${missing[@]}" >/dev/null; }
fi

if [[ $(nproc) -lt 2 ]]; then
  echo "the benches need 2 cores: the server under test gets CPU 0 and the load generator CPU 1" >&2
  exit 1
fi

# exec: a SIGTERM (a test's time bound) reaches the command, which then stops everything it started.
if (($#)); then
  exec "$@"
fi
