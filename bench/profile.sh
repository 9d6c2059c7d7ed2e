#!/usr/bin/env bash
# Profiles the cache hit, plain against instrumented (issue 19): bench/profile.sh [SECONDS]. See bench/profile/profile.py.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:$HOME/.dotnet/tools"
# The version on the feed when this was written; any 9.0+ dotnet-trace has the profile and the speedscope output.
command -v dotnet-trace >/dev/null || dotnet tool install -g dotnet-trace --version 10.0.750501 >/dev/null
exec /usr/bin/python3 bench/profile/profile.py "$@"
