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
dotnet test SecureApi.Toolkit.sln -c Release --no-build -nologo --logger "console;verbosity=normal" "$@"
