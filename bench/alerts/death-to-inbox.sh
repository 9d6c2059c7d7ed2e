#!/usr/bin/env bash
# Time from a service's death to its ServiceDown notification in the AppHost's alert inbox, against the physical
# floor of the pipeline: the rule's `for` plus, at worst, one scrape interval (until the next scrape starts), its
# scrape timeout (a hung service fails the scrape only then; Prometheus' timeout is min(10 s, interval)), one
# evaluation interval (the evaluation that sees up == 0) and Alertmanager's group_wait.
#
#   bench/alerts/death-to-inbox.sh [--fast] [--runs N]
#
# Default: production intervals (scrape 15 s, evaluation 15 s, group_wait 10 s). --fast: the test intervals of
# tests/Nuzantara.Monitoring.Tests (scrape 2 s, evaluation 1 s, group_wait 1 s). `for: 1m` is the production rule in
# both. "Death" is SIGSTOP of the backend's process group: the process keeps its port but answers nothing, so
# Prometheus' scrapes time out, and the AppHost does not restart it (a killed backend would be restarted within
# seconds and might never be down for a minute). Every run resumes it with SIGCONT and waits for the resolution.
# The AppHost runs on free ports with its own state directory; everything it started is stopped at exit.
set -euo pipefail

cd "$(dirname "$0")/../.."
REPO=$PWD
FAST=0
RUNS=3
while [[ $# -gt 0 ]]; do
  case "$1" in
    --fast) FAST=1; shift ;;
    --runs) RUNS=$2; shift 2 ;;
    *) echo "usage: $0 [--fast] [--runs N]" >&2; exit 2 ;;
  esac
done

if [[ $FAST == 1 ]]; then SCRAPE=2 EVAL=1 GROUP_WAIT=1 GROUP_INTERVAL=1; else SCRAPE=15 EVAL=15 GROUP_WAIT=10 GROUP_INTERVAL=300; fi
FOR=60
TIMEOUT=$((SCRAPE < 10 ? SCRAPE : 10))
FLOOR_MIN=$((FOR + TIMEOUT + GROUP_WAIT))
FLOOR_MAX=$((FOR + SCRAPE + TIMEOUT + EVAL + GROUP_WAIT))
hms() { printf '00:%02d:%02d' $(($1 / 60)) $(($1 % 60)); }

STATE=$(mktemp -d /tmp/nuzantara-bench-alerts.XXXXXX)
# PostgreSQL runs as its own user and must traverse the state directory (mktemp makes it 0700).
chmod 755 "$STATE"
LOG=$STATE/apphost.log
APPHOST=
cleanup() {
  if [[ -n $APPHOST ]] && kill -0 "$APPHOST" 2>/dev/null; then
    kill -CONT -- "-$(backend_pgid)" 2>/dev/null || true
    kill -INT "$APPHOST"
    wait "$APPHOST" 2>/dev/null || true
  fi
  rm -rf "$STATE"
}
trap cleanup EXIT

backend_pgid() { ps -o pgid= -p "$(pgrep -P "$APPHOST" -f Nuzantara.Backend.dll | head -1)" | tr -d ' '; }

dotnet build Nuzantara.AppHost -v quiet -nologo >/dev/null
(cd Nuzantara.AppHost && exec dotnet bin/Debug/net10.0/Nuzantara.AppHost.dll \
  --Nuzantara:RandomizePorts=true --Nuzantara:StateDirectory="$STATE/state" --Nuzantara:SecretsPath="$STATE/secrets.json" \
  --Nuzantara:LiveConsole=false --Nuzantara:EchoResourceLogs=false \
  --Nuzantara:Prometheus:ScrapeInterval="$(hms $SCRAPE)" --Nuzantara:Prometheus:EvaluationInterval="$(hms $EVAL)" \
  --Nuzantara:Alertmanager:GroupWait="$(hms $GROUP_WAIT)" --Nuzantara:Alertmanager:GroupInterval="$(hms $GROUP_INTERVAL)") >"$LOG" 2>&1 &
APPHOST=$!

for _ in $(seq 600); do
  # "7 resources healthy, 4 failed, after 2.3 s" is a failed start.
  if grep -q "failed, after" "$LOG" || ! kill -0 "$APPHOST"; then cat "$LOG"; exit 1; fi
  grep -q "resources healthy" "$LOG" && break
  sleep 0.5
done
grep -q "resources healthy" "$LOG" || { echo "the AppHost did not become healthy in 5 minutes" >&2; exit 1; }
DASHBOARD=$(grep -o 'resource metrics *http://[0-9.:]*' "$LOG" | grep -o 'http://[0-9.:]*')
PROMETHEUS=$(grep -o '^ *prometheus  *http://[0-9.:]*' "$LOG" | grep -o 'http://[0-9.:]*')
KEY=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["AppHost:OtlpApiKey"])' "$STATE/secrets.json")
now() { date +%s.%N; }
# Seconds since the inbox's newest ServiceDown of backend with this status was received after $1 (epoch), or nothing.
inbox_since() {
  curl -sf -H "x-otlp-api-key: $KEY" "$DASHBOARD/api/alerts" | python3 -c '
import json, sys, datetime
since, status = float(sys.argv[1]), sys.argv[2]
for a in json.load(sys.stdin):
    t = datetime.datetime.fromisoformat(a["receivedAt"].replace("Z", "+00:00")).timestamp()
    if a["alertName"] == "ServiceDown" and a["labels"].get("job") == "backend" and a["status"] == status and t > since:
        print(f"{t - since:.1f}"); break' "$1" "$2"
}
backend_up() { curl -sf "$PROMETHEUS/api/v1/query" --data-urlencode 'query=up{job="backend"} == 1' | grep -q '"value"'; }

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr)"
echo "intervals: scrape ${SCRAPE}s (timeout ${TIMEOUT}s), evaluation ${EVAL}s, for ${FOR}s, group_wait ${GROUP_WAIT}s -> floor ${FLOOR_MIN}-${FLOOR_MAX}s"
for run in $(seq "$RUNS"); do
  until backend_up; do sleep 0.5; done
  # Let the previous run's resolution settle so that each run starts from a green backend.
  sleep $((SCRAPE + EVAL))
  DEATH=$(now)
  kill -STOP -- "-$(backend_pgid)"
  until ELAPSED=$(inbox_since "$DEATH" firing) && [[ -n $ELAPSED ]]; do sleep 0.2; done
  RESUME=$(now)
  kill -CONT -- "-$(backend_pgid)"
  until RESOLVED=$(inbox_since "$RESUME" resolved) && [[ -n $RESOLVED ]]; do sleep 0.2; done
  echo "run $run: death -> inbox ${ELAPSED}s (ratio to worst-case floor $(python3 -c "print(f'{$ELAPSED/$FLOOR_MAX:.2f}')")), resume -> resolved ${RESOLVED}s"
done
