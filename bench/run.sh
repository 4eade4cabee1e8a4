#!/usr/bin/env bash
# Builds the server and the bench in Release, then runs the inbound benchmark. Options: bench/run.sh --help
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build -c Release bench/Inbox.Bench/Inbox.Bench.csproj -nologo -v quiet
exec dotnet run -c Release --no-build --project bench/Inbox.Bench -- "$@"
