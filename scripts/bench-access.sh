#!/usr/bin/env bash
# The task-access and funds reports at city scale on one database (sqlite or postgres):
# `shequ demo`, `shequ generate-access` (every community, 200 tasks, 5 years of plans,
# 100,000 ledger entries), `shequ funds verify`, then wrk on loopback against /healthz
# and every report of both modules, as JSON and as a page, as the role that reads it.
# Prints the plans of the heaviest report queries. Usage:
#   scripts/bench-access.sh sqlite|postgres [entries]
# BENCH_SECONDS (default 10) per endpoint; BENCH_CONNECTIONS (default 4); BENCH_WAIT (default 180):
# seconds at most to wait before each endpoint for the load average to fall to 1.5; BENCH_ONLY: a grep -E
# pattern choosing endpoints by name (healthz is always measured).
set -euo pipefail
cd "$(dirname "$0")/.."
db=${1:-sqlite}; entries=${2:-100000}
port=${BENCH_PORT:-8096}; secs=${BENCH_SECONDS:-10}; conns=${BENCH_CONNECTIONS:-4}; wait_max=${BENCH_WAIT:-180}
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
swift build -c release --product shequ 2>&1 | tail -n 1
bin=$PWD/.build/release/shequ
work=$(mktemp -d)
export SHEQU_DATA_DIR="$work/data" SHEQU_ADMIN_PASSWORD="Bench-pass-1"
run() {
  echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -m); date: $(date -u +%F); database: $db"
  "$bin" demo --log warning >/dev/null
  "$bin" generate-access --seed 1 --years 5 --tasks 200 --entries "$entries" --log warning | tail -n 1
  "$bin" funds verify --log warning
  "$bin" serve --port "$port" --log error >"$work/serve.log" 2>&1 &
  server=$!
  trap 'kill $server 2>/dev/null || true' RETURN
  url="http://127.0.0.1:$port"
  for _ in $(seq 1 60); do curl -sf "$url/healthz" >/dev/null && break; sleep 1; done
  token=$(curl -s -XPOST "$url/api/v1/auth/token" -H 'content-type: application/json' \
    -d '{"username":"leading.office","password":"Shequ-demo-2026"}' | python3 -c 'import sys,json; print(json.load(sys.stdin)["token"])')
  # A browser session of the same office for the pages: the sign-in form with its CSRF token.
  jar="$work/cookies"
  csrf=$(curl -s -c "$jar" "$url/sign-in" | python3 -c 'import sys,re; m=re.search(r"name=\"_csrf\" value=\"([^\"]+)\"", sys.stdin.read()); print(m.group(1) if m else "")')
  curl -s -b "$jar" -c "$jar" -o /dev/null -XPOST "$url/sign-in" --data-urlencode "_csrf=$csrf" \
    --data-urlencode "username=leading.office" --data-urlencode "password=Shequ-demo-2026"
  cookie=$(awk '{sub(/^#HttpOnly_/, "")} !/^#/ && NF >= 7 {printf "%s%s=%s", (n++ ? "; " : ""), $6, $7}' "$jar")
  # The committee with the heaviest burden in the latest year, as the office's list shows it.
  community=$(python3 - "$url" "$token" <<'PY'
import json, sys, urllib.request
url, token = sys.argv[1:3]
best, page = None, 1
while True:
    req = urllib.request.Request(f"{url}/api/v1/task-access/burden?per=200&page={page}", headers={"Authorization": "Bearer " + token})
    body = json.load(urllib.request.urlopen(req))
    for r in body["items"]:
        k = (r["tasks"], r["promised"], r["community"])
        if best is None or k > best: best = k
    if page * body["perPage"] >= body["total"]: break
    page += 1
print(best[2])
PY
)
  echo "heaviest committee: $community"
  # name | path | who: token (API as the office), cookie (page as the office), public
  endpoints="healthz|/healthz|public
funds per fund (JSON)|/api/v1/funds|public
funds per fund (page)|/funds|public
funds per district (JSON)|/api/v1/fund-reports/districts|public
funds per district (page)|/fund-reports/districts|public
funds per department (JSON)|/api/v1/fund-reports/departments|token
funds per department (page)|/fund-reports/departments|cookie
funds per committee (JSON)|/api/v1/fund-reports/committees|public
funds per committee (page)|/fund-reports/committees|public
burden of every committee, city-wide, 1st page of 50 (JSON)|/api/v1/task-access/burden|token
burden of every committee, city-wide, 200 rows (JSON)|/api/v1/task-access/burden?per=200|token
burden of every committee, city-wide (page)|/task-access/burden|cookie
funds per task, every department, 1st page of 50 (JSON)|/api/v1/task-access/task-funds|token
funds per task, every department, 200 rows (JSON)|/api/v1/task-access/task-funds?per=200|token
funds per task, every department (page)|/task-access/task-funds|cookie
one committee's burden (JSON)|/api/v1/communities/$community/task-burden|token
one committee's burden (page)|/communities/$community/task-burden|cookie
public: a community's registered tasks (JSON)|/api/v1/communities/$community/registered-tasks|public
public: a community's registered tasks (page)|/communities/$community/registered-tasks|public
public: a community's assessments (JSON)|/api/v1/communities/$community/assessments|public
public: a community's assessments (page)|/communities/$community/assessments|public"
  printf '| endpoint | path | status, bytes | load (1 min) | req/s | p50 | p99 |\n|---|---|---|---|---|---|---|\n'
  while IFS='|' read -r name path who; do
    t=""; c=""
    [ "$who" = token ] && t=$token
    [ "$who" = cookie ] && c=$cookie
    auth=(); [ -n "$t" ] && auth=(-H "Authorization: Bearer $t"); [ -n "$c" ] && auth=(-H "Cookie: $c")
    check=$(curl -s -o /dev/null -w '%{http_code}, %{size_download}' "${auth[@]}" "$url$path")
    # Other work shares the two cores: wait (up to BENCH_WAIT seconds) for the load to settle, and say what it was.
    for _ in $(seq 1 $((wait_max / 15))); do
      load=$(cut -d' ' -f1 /proc/loadavg)
      python3 -c "import sys; sys.exit(0 if float('$load') <= 1.5 else 1)" && break
      sleep 15
    done
    load=$(cut -d' ' -f1 /proc/loadavg)
    out=$(BENCH_PATH="$path" TOKEN="$t" COOKIE="$c" wrk -t1 -c"$conns" -d"${secs}s" --latency -s bench/get.lua "$url")
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
    p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
    non2xx=$(awk '/Non-2xx/ {print " (non-2xx: " $5 ")"}' <<<"$out")
    printf '| %s | `%s` | %s | %s | %s | %s | %s%s |\n' "$name" "$path" "$check" "$load" "$rps" "$p50" "$p99" "$non2xx"
  done < <(grep -E "^healthz|${BENCH_ONLY:-.}" <<<"$endpoints")

  # The plans the database chose for the heaviest report queries.
  year=$(curl -s -H "Authorization: Bearer $token" "$url/api/v1/communities/$community/task-burden" | python3 -c 'import sys,json; print(json.load(sys.stdin)["burden"]["year"])')
  queries=(
    "SELECT account_id, counter_account_id, CAST(SUM(amount_fen) AS BIGINT) AS net FROM ledger_entries GROUP BY account_id, counter_account_id"
    "SELECT CAST(COALESCE(SUM(e.amount_fen), 0) AS BIGINT) AS total FROM ledger_entries e JOIN ledger_accounts a ON a.id = e.account_id WHERE a.kind = 'committee' AND a.division_code = '$community' AND e.citation_reference_id = (SELECT agreement_id FROM ta_agreement_communities WHERE division_code = '$community' LIMIT 1)"
    "SELECT * FROM ta_assignments WHERE division_code = '$community' AND year = $year"
    "SELECT * FROM ta_agreement_communities WHERE division_code = '$community'"
  )
  for q in "${queries[@]}"; do
    echo "--- plan: $q"
    if [ "$db" = postgres ]; then
      psql "${DATABASE_URL%%\?*}" -Atc "EXPLAIN ANALYZE $q" | grep -vE "^ *Buffers" || true
    else
      python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); [print(r) for r in c.execute('EXPLAIN QUERY PLAN ' + sys.argv[2]).fetchall()]" "$SHEQU_DATA_DIR/shequ.sqlite" "$q"
    fi
  done
}
if [ "$db" = postgres ]; then
  export -f run; export bin work port secs conns entries db wait_max
  SHEQU_PG_PORT=${SHEQU_PG_PORT:-25496} scripts/with-postgres.sh bash -c run
else
  run
fi
rm -rf "$work"
