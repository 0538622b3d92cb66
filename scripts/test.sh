#!/usr/bin/env bash
# Runs every test: unit tests (Surefire), integration tests against the real KCL, kinesis-local and
# dynalite (Failsafe), the regression module's NIST and CLI tests and the deploy module's
# template tests. Installs what it needs itself: Maven dependencies and the pinned npm packages.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v java >/dev/null || { echo "Java 17+ is required" >&2; exit 1; }
command -v mvn >/dev/null || { echo "Maven 3.8+ is required" >&2; exit 1; }
command -v npm >/dev/null || { echo "Node.js 20+ with npm is required (for kinesis-local and dynalite)" >&2; exit 1; }

npm ci --no-audit --no-fund
mvn -B -ntp verify "$@"
