#!/usr/bin/env bash
# `npm test`: everything, in order — typecheck and lint, unit (incl. providers against their simulators
# over HTTP), integration on SQLite and on a real PostgreSQL, then end to end in Debian's Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

[ -f node_modules/.package-lock.json ] || npm install --no-audit --no-fund
bash scripts/ensure-system-deps.sh

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "typecheck"
npx tsc --noEmit -p tsconfig.json
step "lint"
npx eslint . --max-warnings=0

step "unit"
npx vitest run --project unit

# No test may depend on the day it runs: the same unit suite with the clock moved (libfaketime), and the
# SQLite integration suite a year ahead. Clocks are inputs; a test that passes only today fails here.
for shift in +45d +400d; do
  step "unit, clock $shift"
  faketime -f "$shift" npx vitest run --project unit
done
step "integration (SQLite), clock +400d"
FAKETIME_SHIFT=+400d bash scripts/test-integration.sh sqlite

step "integration"
bash scripts/test-integration.sh

step "end to end"
npx playwright test

echo
echo "All tests passed."
