#!/usr/bin/env bash
# End-to-end check of the shequ executable on its embedded SQLite default:
# first start, demo data twice, generate, recompute-deadlines with a later
# holiday notice, and `audit verify` / `record verify` before and after
# an entry is edited, or a whole chain deleted, behind the application's back.
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

# A whole chain deleted with its head, and a community's whole public record with
# its head: the keyed checkpoints of heads name what is missing.
"$bin" record verify --log warning
gone=$(python3 - "$data/shequ.sqlite" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
chain = db.execute("SELECT chain FROM audit_chain_heads ORDER BY chain LIMIT 1").fetchone()[0]
db.execute("DELETE FROM audit_entries WHERE chain = ?", (chain,))
db.execute("DELETE FROM audit_chain_heads WHERE chain = ?", (chain,))
db.execute("DELETE FROM public_record_entries WHERE division_code = '440402001001'")
db.execute("DELETE FROM public_record_heads WHERE division_code = '440402001001'")
db.commit()
print(chain)
PY
)
for check in "audit verify:chain $gone" "record verify:of 440402001001"; do
  set +e
  out=$("$bin" ${check%%:*} --log warning 2>&1)
  code=$?
  set -e
  echo "$out"
  [ $code -eq 1 ] || { echo "FAIL: ${check%%:*} exited $code after a chain was deleted whole, expected 1"; exit 1; }
  echo "$out" | grep -q "${check#*:} .*missing" || { echo "FAIL: ${check%%:*} did not say ${check#*:} is missing"; exit 1; }
done
echo "cli smoke: ok"
