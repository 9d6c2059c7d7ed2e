#!/usr/bin/env bash
# POST /api/rank (50 documents of ~1 KB) on the python-backend, with telemetry (spans exported over OTLP/HTTP to a
# local sink, Prometheus metrics) and without (OTEL_SDK_DISABLED=true), alternating in one run so that both sides
# see the same machine. The service gets core 1, wrk core 0. No Redis: every request ranks (nothing cached).
#   bench/python/rank.sh [--smoke]      RUNS=5 DURATION=10s CONNECTIONS=8 to change the defaults
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
app="$here/../../Nuzantara.PythonBackend"
runs=${RUNS:-5} duration=${DURATION:-10s} connections=${CONNECTIONS:-8}
[[ ${1:-} == --smoke ]] && runs=1 duration=2s

"$here/../lib/with-prerequisites.sh"

free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
# Everything this script started, however deep: a service runs two subshells down, where a SIGTERM to this script
# (a test's time bound) would not reach it.
descendants() { local child; for child in $(pgrep -P "$1"); do descendants "$child"; echo "$child"; done; }
cleanup() { kill $(descendants $$) 2>/dev/null || true; wait 2>/dev/null || true; }
trap cleanup EXIT

sink_port=$(free_port)
/usr/bin/python3 "$here/../lib/sink.py" "$sink_port" &

# One measured run: start the service, wait for readiness, warm up, then wrk; prints "rps p50_ms p99_ms".
measure() {
  local port; port=$(free_port)
  (cd "$app" && exec env PORT="$port" LOG_LEVEL=WARNING "$@" taskset -c 1 /usr/bin/python3 -m uvicorn --factory app.main:create_app \
      --host 127.0.0.1 --port "$port" --no-access-log --log-level warning) &
  local pid=$!
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break; sleep 0.1; done
  taskset -c 0 wrk -t1 -c"$connections" -d1s -s "$here/rank.lua" "http://127.0.0.1:$port/api/rank" >/dev/null
  local out; out=$(taskset -c 0 wrk -t1 -c"$connections" -d"$duration" --latency -s "$here/rank.lua" "http://127.0.0.1:$port/api/rank")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  awk '/Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2}
       function ms(v) { if (v ~ /us$/) return v/1000; if (v ~ /ms$/) return v+0; return v*1000 }
       END {printf "%.1f %.2f %.2f\n", rps, ms(p50), ms(p99)}' <<<"$out"
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

declare -a with_rps with_p50 with_p99 without_rps without_p50 without_p99
for run in $(seq "$runs"); do
  read -r r p q < <(measure OTEL_EXPORTER_OTLP_ENDPOINT="http://127.0.0.1:$sink_port" OTEL_SERVICE_NAME=python-backend)
  with_rps+=("$r") with_p50+=("$p") with_p99+=("$q")
  read -r r p q < <(measure OTEL_SDK_DISABLED=true)
  without_rps+=("$r") without_p50+=("$p") without_p99+=("$q")
  echo "run $run: with telemetry ${with_rps[-1]} req/s p50 ${with_p50[-1]} ms; without ${without_rps[-1]} req/s p50 ${without_p50[-1]} ms" >&2
done

m() { printf '%s\n' "$@" | median; }
wr=$(m "${with_rps[@]}") wp=$(m "${with_p50[@]}") wq=$(m "${with_p99[@]}")
nr=$(m "${without_rps[@]}") np=$(m "${without_p50[@]}") nq=$(m "${without_p99[@]}")
echo "python-backend POST /api/rank (50 docs x 1 KB, $connections connections, $runs x $duration, one core):"
echo "  with telemetry:    $wr req/s, p50 $wp ms, p99 $wq ms"
echo "  without telemetry: $nr req/s, p50 $np ms, p99 $nq ms"
awk -v w="$wr" -v n="$nr" -v wp="$wp" -v np="$np" 'BEGIN {printf "  ratio: %.1f %% of the throughput, p50 %+.2f ms\n", 100*w/n, wp-np}'
