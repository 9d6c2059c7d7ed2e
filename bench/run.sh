#!/usr/bin/env bash
# The benchmarks of issue 8: bench/run.sh [--smoke] [instrumentation|exporter|peer|health|apphost|scale ...]
#
# With no part, runs them all and rewrites bench/BENCHMARKS.md (about 35 minutes on 2 cores; part 1 alone about 20). --smoke runs each
# bench for about a second and writes nothing: it keeps the harness from rotting (tests/Nuzantara.Bench.Tests).
# Installs what it needs first, as the AppHost's engine does, then hands over to bench/harness.py.
set -euo pipefail
cd "$(dirname "$0")/.."

# command → Debian package. wrk is the load generator; Redis and PostgreSQL back the standalone backends.
declare -A needed=([wrk]=wrk [redis-server]=redis-server [pg_ctlcluster]=postgresql [node]=nodejs [npm]=npm [taskset]=util-linux)
missing=()
for command in "${!needed[@]}"; do
  command -v "$command" >/dev/null || missing+=("${needed[$command]}")
done
if ((${#missing[@]})); then
  echo "installing ${missing[*]}" >&2
  apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null; }
fi

if [[ $(nproc) -lt 2 ]]; then
  echo "bench/run.sh needs 2 cores: the server under test gets CPU 0 and the load generator CPU 1" >&2
  exit 1
fi

# exec: a SIGTERM (a test's time bound) reaches the harness, which then stops everything it started.
exec /usr/bin/python3 bench/harness.py "$@"
