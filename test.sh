#!/usr/bin/env bash
# Runs every test of the solution in Release, after installing what the tests need when it is missing.
# Usage: ./test.sh [extra dotnet test arguments]
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v redis-server >/dev/null 2>&1 || ! command -v redis-cli >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ]; then
    echo "Installing redis-server and redis-tools (the tests start real Redis servers and a Redis Cluster)..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server redis-tools >/dev/null
  else
    echo "The tests need redis-server and redis-cli. Install them with:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y redis-server redis-tools" >&2
    exit 1
  fi
fi

# The Debian package starts a system Redis on 6379; the tests start their own on free ports and don't need it.
dotnet build SecureApi.Toolkit.sln -c Release -nologo

# Keep a copy of the output to sum the per-assembly results ("Total tests: / Passed: / Failed: / Skipped:" blocks of
# the normal-verbosity console logger) into one final line.
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test SecureApi.Toolkit.sln -c Release --no-build -nologo --logger "console;verbosity=normal" "$@" 2>&1 | tee "$log" || status=$?

sum() { { grep -E "^[[:space:]]*$1: [0-9]+[[:space:]]*$" "$log" || true; } | awk -F': ' '{ n += $2 } END { print n + 0 }'; }
passed=$(sum Passed)
failed=$(sum Failed)
skipped=$(sum Skipped)
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "dotnet test exited with code $status although no test reported a failure (a test run aborted or could not start); see above." >&2
fi
echo
if [ "$skipped" -gt 0 ]; then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
exit "$status"
