#!/usr/bin/env bash
# The dashboard's benchmark (README.md beside this file says what it measures and how to read it).
# The receiver runs pinned to core 0, the load generator to core 1: the ingest figure is one core's.
set -euo pipefail
cd "$(dirname "$0")"
dotnet build -c Release --nologo -v quiet Nuzantara.Bench.Dashboard.csproj >/dev/null
bin=bin/Release/net10.0/Nuzantara.Bench.Dashboard

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), .NET $(dotnet --version)"
coproc SERVER { taskset -c 0 "$bin" serve; }
trap 'exec {SERVER[1]}>&-; wait' EXIT
# The AppHost logs on the same stdout: the line that starts with '{' is serve's address and key.
while read -r server <&"${SERVER[0]}"; do [[ $server == \{* ]] && break; done
taskset -c 1 "$bin" load "$server"
