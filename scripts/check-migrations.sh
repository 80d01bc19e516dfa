#!/usr/bin/env bash
# Fails when src/db/schema/ and the migrations in drizzle/ have drifted apart:
# drizzle-kit generates into a copy of drizzle/ and must find nothing to write.
set -euo pipefail
cd "$(dirname "$0")/.."
# drizzle-kit takes --out relative to the project folder.
tmp=$(mktemp -d -p . .drift-check.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
cp -r drizzle "$tmp/drizzle"
out=$(npx drizzle-kit generate --dialect postgresql --schema ./src/db/schema/index.ts --out "${tmp#./}/drizzle" --name drift 2>&1) || { echo "$out" >&2; exit 1; }
if ls "$tmp"/drizzle/*_drift.sql >/dev/null 2>&1; then
  echo "src/db/schema/ has changes no migration holds: run npm run db:generate and commit the migration:" >&2
  cat "$tmp"/drizzle/*_drift.sql >&2
  exit 1
fi
if ! grep -q "No schema changes" <<<"$out"; then
  echo "drizzle-kit did not confirm that schema and migrations agree:" >&2
  echo "$out" >&2
  exit 1
fi
echo "schema and migrations agree"
