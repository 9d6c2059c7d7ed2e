#!/usr/bin/env bash
# Checks Aspire AppHosts (and the test projects that reference them) against this engine: each project file is
# rewritten to reference Nuzantara.Hosting instead of Aspire's packages, every project is built, and the AppHosts that
# compile publish their manifest, which is validated against the aspire-8.0 schema. Sources are copied to a scratch
# folder first; the folders given are never written to. Exit code 0 when everything compiles and validates.
# --run also builds the services of each AppHost that compiles and runs it: every resource must come up, and SIGINT
# must stop it with no port left held.
# --real-aspire also publishes each AppHost with the real Aspire packages NuGet serves and lists where the manifests differ.
#   tools/aspire-corpus/check.sh [--scratch DIR] [--no-publish] [--online] [--define SYMBOL] [--markdown FILE] [--real-aspire] [--run] DIR [DIR…]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
project="$here/Nuzantara.AspireCorpus/Nuzantara.AspireCorpus.csproj"
dotnet build "$project" -nologo -v:q >&2
exec dotnet run --no-build --project "$project" -- "$@"
