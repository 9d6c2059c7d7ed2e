#!/usr/bin/env bash
# Where a variant of part 1 spends more CPU than plain, per request (issue 19):
#   bench/profile.sh [SECONDS] [example|cache-hit|write] [VARIANT]. See bench/profile/profile.py.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v perf >/dev/null || { apt-get install -y -qq linux-perf >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq linux-perf >/dev/null; }; }
exec bench/lib/with-prerequisites.sh /usr/bin/python3 bench/profile/profile.py "$@"
