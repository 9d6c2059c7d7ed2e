#!/usr/bin/env bash
# Time from the backend's hang to its ServiceDown notification on Slack (and by e-mail) in the published Docker Compose
# deployment, against the floor of the pipeline: the rule's `for`, plus at worst one scrape interval, the scrape's
# timeout (a hung service fails the scrape only then), one evaluation interval and Alertmanager's group_wait.
#
#   bench/alerts/compose-death-to-slack.sh [--runs N]
#
# Each run is the Compose end-to-end test's alert check (tests/Nuzantara.AppHost.Tests/Compose): the AppHost published
# with --publisher docker-compose and the tests' alerting intervals (scrape 2 s, evaluation 1 s, group_wait 1 s; the
# production `for: 1m`), the service images built on the offline bases, `docker-compose up` on the private engine of
# images/engine.sh, Slack and SMTP stand-ins on the deployment's network, and the backend frozen with `docker pause`
# (its port stays open, Prometheus' scrapes time out). The test prints the measured time; this script collects it.
# Needs root (the private engine); takes about 4 minutes per run. Everything is taken down after each run.
set -euo pipefail

cd "$(dirname "$0")/../.."
RUNS=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) RUNS=$2; shift 2 ;;
    *) echo "usage: $0 [--runs N]" >&2; exit 2 ;;
  esac
done

SCRAPE=2 EVAL=1 GROUP_WAIT=1 FOR=60 TIMEOUT=2
FLOOR_MIN=$((FOR + TIMEOUT + GROUP_WAIT))
FLOOR_MAX=$((FOR + SCRAPE + TIMEOUT + EVAL + GROUP_WAIT))

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr)"
echo "intervals: scrape ${SCRAPE}s (timeout ${TIMEOUT}s), evaluation ${EVAL}s, for ${FOR}s, group_wait ${GROUP_WAIT}s -> floor ${FLOOR_MIN}-${FLOOR_MAX}s"
for run in $(seq "$RUNS"); do
  LOG=$(mktemp)
  if ! dotnet test tests/Nuzantara.AppHost.Tests --filter "FullyQualifiedName~ComposeDeploymentTests.Alerts_reach_Slack" --output detailed >"$LOG" 2>&1; then
    tail -n 40 "$LOG" >&2
    rm -f "$LOG"
    exit 1
  fi
  ELAPSED=$(grep -o 'ServiceDown on Slack and by e-mail: [0-9.]* s' "$LOG" | grep -o '[0-9.]*' | tail -n 1)
  rm -f "$LOG"
  echo "run $run: hang -> Slack and e-mail ${ELAPSED}s (ratio to worst-case floor $(python3 -c "print(f'{$ELAPSED/$FLOOR_MAX:.2f}')"))"
done
