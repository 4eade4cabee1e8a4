#!/usr/bin/env bash
# Builds the server and the bench in Release, then runs the inbound benchmark. Options: bench/run.sh --help
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build -c Release bench/Inbox.Bench/Inbox.Bench.csproj -nologo -v quiet
# console-load and long-thread measure what the README's `dotnet run --project src/Inbox.Server` serves: the Debug build.
if [ "${1:-}" = "console-load" ] || [ "${1:-}" = "long-thread" ]; then dotnet build src/Inbox.Server -nologo -v quiet; fi
# widgets holds ten thousand sockets in the server and as many in the bench.
if [ "${1:-}" = "widgets" ]; then ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"; fi
exec dotnet run -c Release --no-build --project bench/Inbox.Bench -- "$@"
