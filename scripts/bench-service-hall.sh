#!/usr/bin/env bash
# Service-hall load test on one database (sqlite or postgres): a synthetic
# city, N applications, then wrk on loopback against /healthz, tracking-number
# lookups, submissions and one street's overdue list. Usage:
#   scripts/bench-service-hall.sh sqlite|postgres [applications] [residents]
set -euo pipefail
cd "$(dirname "$0")/.."
db=${1:-sqlite}; apps=${2:-5000000}; residents=${3:-500000}
port=8095; secs=${BENCH_SECONDS:-15}
swift build -c release --product shequ 2>&1 | tail -n 1
bin=$PWD/.build/release/shequ
work=$(mktemp -d)
export SHEQU_DATA_DIR="$work/data" SHEQU_ADMIN_PASSWORD="Bench-pass-1"
run() {
  echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; date: $(date -u +%F); database: $db"
  "$bin" demo --log warning >/dev/null
  "$bin" generate --residents "$residents" --seed 1 --log warning | tail -n 1
  "$bin" generate-applications --count "$apps" --seed 1 --log warning | tail -n 1
  "$bin" serve --port $port --log error >"$work/serve.log" 2>&1 &
  server=$!
  trap 'kill $server 2>/dev/null || true' RETURN
  for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 1; done
  url="http://127.0.0.1:$port"
  token=$(curl -s -XPOST "$url/api/v1/auth/token" -H 'content-type: application/json' \
    -d '{"username":"center.cuixiang","password":"Shequ-demo-2026"}' | python3 -c 'import sys,json; print(json.load(sys.stdin)["token"])')
  # Lookup pairs and residents to submit for, taken from the database the way a caller would know them.
  python3 - "$url" "$token" "$work" <<'PY'
import json, sys, urllib.request
url, token, work = sys.argv[1:4]
def get(path):
    req = urllib.request.Request(url + path, headers={"Authorization": "Bearer " + token})
    return json.load(urllib.request.urlopen(req))
ids = [r["id"] for r in get("/api/v1/residents?community=440402001001")["items"]]
open(work + "/residents.txt", "w").write("\n".join(ids) + "\n")
pairs = []
for rid in ids[:20]:
    req = urllib.request.Request(url + f"/api/v1/residents/{rid}/reveal", method="POST", headers={"Authorization": "Bearer " + token})
    last4 = json.load(urllib.request.urlopen(req))["idNumber"][-4:]
    body = json.dumps({"itemCode": "RS-004", "residentID": rid}).encode()
    req = urllib.request.Request(url + "/api/v1/applications", data=body, method="POST",
                                 headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
    pairs.append(json.load(urllib.request.urlopen(req))["trackingNumber"] + "," + last4)
open(work + "/pairs.txt", "w").write("\n".join(pairs) + "\n")
PY
  echo "--- /healthz"; wrk -t2 -c32 -d${secs}s --latency "$url/healthz" | grep -E "Requests/sec|99%|50%"
  echo "--- lookups"; PAIRS="$work/pairs.txt" wrk -t2 -c32 -d${secs}s --latency -s bench/lookup.lua "$url" | grep -E "Requests/sec|99%|50%|Non-2xx"
  echo "--- submissions"; RESIDENTS="$work/residents.txt" TOKEN="$token" wrk -t2 -c32 -d${secs}s --latency -s bench/submit.lua "$url" | grep -E "Requests/sec|99%|50%|Non-2xx"
  echo "--- overdue list (street 440402001)"; TOKEN="$token" wrk -t1 -c4 -d${secs}s --latency -s bench/overdue.lua "$url" | grep -E "Requests/sec|99%|50%|Non-2xx"
  total=$(curl -s "$url/api/v1/applications?due=overdue" -H "Authorization: Bearer $token" | python3 -c 'import sys,json; print(len(json.load(sys.stdin)))')
  echo "overdue list returns $total rows (capped at 200)"
  # The plan the database chose for that list, so a slow run can be told from a wrong plan.
  plan="SELECT tracking_number FROM applications WHERE state IN ('accepted', 'inProgress', 'transferred') AND due_on < '$(TZ=Asia/Shanghai date +%F)' AND ((division_code >= '440402001' AND division_code < '440402001~')) ORDER BY due_on, tracking_number LIMIT 200"
  if [ "$db" = postgres ]; then
    psql "${DATABASE_URL%%\?*}" -Atc "EXPLAIN ANALYZE $plan" | grep -E "Index|Sort|Execution" || true
  else
    python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print(c.execute('EXPLAIN QUERY PLAN ' + sys.argv[2].replace('FROM applications', 'FROM applications INDEXED BY applications_running_due')).fetchall())" "$SHEQU_DATA_DIR/shequ.sqlite" "$plan"
  fi
}
if [ "$db" = postgres ]; then
  export -f run; export bin work port secs apps residents db
  scripts/with-postgres.sh bash -c run
else
  run
fi
rm -rf "$work"
