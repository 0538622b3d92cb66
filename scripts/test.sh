#!/usr/bin/env bash
# Runs every test: unit tests (Surefire), integration tests against the real KCL, kinesis-local and
# dynalite (Failsafe), the regression module's NIST and CLI tests and the deploy module's
# template tests. Installs what it needs itself: Maven dependencies, the pinned npm packages and, as root on
# Debian, Chromium for the status page's browser test.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v java >/dev/null || { echo "Java 17+ is required" >&2; exit 1; }
command -v mvn >/dev/null || { echo "Maven 3.8+ is required" >&2; exit 1; }
command -v npm >/dev/null || { echo "Node.js 20+ with npm is required (for kinesis-local and dynalite)" >&2; exit 1; }

# The status page is tested in a real browser: Debian's headless Chromium.
if ! command -v chromium >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing Debian's chromium for the status-page browser test"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "Chromium is required for the status-page test: install Debian's 'chromium' package" >&2
    exit 1
  fi
fi

npm ci --no-audit --no-fund
mvn -B -ntp verify "$@"
