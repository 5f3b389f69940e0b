#!/usr/bin/env bash
# The same integration tests (`*.db.test.ts`) on SQLite and on PostgreSQL. A private PostgreSQL cluster
# is started when TEST_DATABASE_URL_PG is not given.
#   scripts/test-integration.sh [sqlite]   only SQLite; FAKETIME_SHIFT=+400d runs it with the clock moved
set -euo pipefail
cd "$(dirname "$0")/.."
only=${1:-}
shifted=()
[ -n "${FAKETIME_SHIFT:-}" ] && shifted=(faketime -f "$FAKETIME_SHIFT")

tmp=$(mktemp -d /tmp/dialboard-it-XXXXXX)
# Its own temp dir, not under $tmp: mktemp makes 0700 dirs the postgres user could not traverse.
pgdir=$(mktemp -d /tmp/dialboard-pg-XXXXXX)
started_pg=""
cleanup() {
  if [ -n "$started_pg" ]; then bash scripts/pg-cluster.sh stop "$pgdir"; fi
  rm -rf "$tmp" "$pgdir"
}
trap cleanup EXIT

echo "-- SQLite"
TEST_DATABASE_URL="file:$tmp/sqlite/test.db" DIALBOARD_DATA_DIR="$tmp/data-sqlite" "${shifted[@]}" npx vitest run --project db
[ "$only" = sqlite ] && exit 0

echo "-- PostgreSQL"
pg_url=${TEST_DATABASE_URL_PG:-}
if [ -z "$pg_url" ]; then
  pg_url=$(bash scripts/pg-cluster.sh start "$pgdir" "${PG_TEST_PORT:-54329}")
  started_pg=1
fi
# With the "pg" project: tests of several app instances on one database (*.pg.test.ts), PostgreSQL's alone.
TEST_DATABASE_URL="$pg_url" DIALBOARD_DATA_DIR="$tmp/data-pg" "${shifted[@]}" npx vitest run --project db --project pg
