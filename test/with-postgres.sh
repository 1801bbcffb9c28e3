#!/usr/bin/env bash
# Kept for old habits and references: the wrapper is test/support/with-postgres.ts (no bash
# needed), which runs the command with TEST_DATABASE_URL and TEST_TEMPLATES_DIR prepared.
set -euo pipefail
cd "$(dirname "$0")/.."
exec node --import tsx test/support/with-postgres.ts "$@"
