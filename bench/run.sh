#!/usr/bin/env bash
# The benchmarks of issue 8: bench/run.sh [--smoke] [instrumentation|exporter|peer|health|apphost|scale ...]
#
# With no part, runs them all and rewrites bench/BENCHMARKS.md (about 35 minutes on 2 cores; part 1 alone about 20). --smoke runs each
# bench for about a second and writes nothing: it keeps the harness from rotting (tests/Nuzantara.Bench.Tests).
# Installs what it needs first (bench/lib/with-prerequisites.sh), as the AppHost's engine does, then hands over to bench/harness.py.
set -euo pipefail
cd "$(dirname "$0")/.."

exec bench/lib/with-prerequisites.sh /usr/bin/python3 bench/harness.py "$@"
