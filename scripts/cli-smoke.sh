#!/usr/bin/env bash
# End-to-end check of the shequ executable on its embedded SQLite default:
# first start, demo data twice, generate, recompute-deadlines with a later
# holiday notice, and `audit verify` before and after
# an entry is edited behind the application's back.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${SHEQU_BIN:-.build/debug/shequ}
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
export SHEQU_DATA_DIR="$data" SHEQU_ADMIN_PASSWORD="Smoke-test-1"
unset DATABASE_URL

"$bin" demo --log warning
second=$("$bin" demo --log warning)
echo "$second" | grep -q "0 residents and 0 accounts added" || { echo "FAIL: demo is not idempotent: $second"; exit 1; }
echo "$second" | grep -q "0 centers and stations added" || { echo "FAIL: service-hall demo is not idempotent: $second"; exit 1; }
"$bin" generate --residents 2000 --seed 7 --log warning | tail -n 1
"$bin" audit verify --log warning
[ "$(stat -c %a "$data/secrets.json")" = "600" ] || { echo "FAIL: secrets.json is not owner-only"; exit 1; }
# A later holiday notice is laid over the shipped calendar; a missing one stops the command.
printf 'date,name,is_off_day\n2027-01-01,元旦,true\n' > "$data/next-year.csv"
recount=$(SHEQU_HOLIDAYS_FILE="$data/next-year.csv" "$bin" recompute-deadlines --log warning)
echo "$recount" | grep -q "due dates recounted" || { echo "FAIL: recompute-deadlines: $recount"; exit 1; }
if SHEQU_HOLIDAYS_FILE="$data/missing.csv" "$bin" recompute-deadlines --log critical >/dev/null 2>&1; then
  echo "FAIL: recompute-deadlines ran with a missing SHEQU_HOLIDAYS_FILE"; exit 1
fi

python3 - "$data/shequ.sqlite" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("UPDATE audit_entries SET actor = 'mallory' WHERE sequence = 2 AND chain = 'platform'")
db.commit()
PY
set +e
out=$("$bin" audit verify --log warning 2>&1)
code=$?
set -e
echo "$out"
[ $code -eq 1 ] || { echo "FAIL: audit verify exited $code after tampering, expected 1"; exit 1; }
echo "$out" | grep -q "broken at entry #2" || { echo "FAIL: audit verify did not name entry #2"; exit 1; }
echo "cli smoke: ok"
