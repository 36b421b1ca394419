#!/usr/bin/env bash
# Issue 14's reads on one database (sqlite or postgres): `shequ demo`, 49 more matters raised in 紫荆社区 (50 in
# all), then wrk on loopback against the public reads a resident opens most, beside /healthz, as JSON and as pages.
# With a resident count, the city is generated first (`generate`, then `generate-applications` at twice that) and
# the staff reads at city scale are measured too. Usage:
#   scripts/bench-public.sh sqlite|postgres [residents]      (default 0: the demo alone)
# BENCH_THREADS (default 2), BENCH_CONNECTIONS (default 32), BENCH_SECONDS (default 10), BENCH_WAIT (default 180);
# SHEQU_BIN: a release binary already built. Create /tmp/bench.running while it runs (shared machine).
set -euo pipefail
cd "$(dirname "$0")/.."
db=${1:-sqlite}; residents=${2:-0}
port=${BENCH_PORT:-8096}
export BENCH_THREADS=${BENCH_THREADS:-2} BENCH_CONNECTIONS=${BENCH_CONNECTIONS:-32}
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
if [ -z "${SHEQU_BIN:-}" ]; then swift build -c release --product shequ 2>&1 | tail -n 1; fi
bin=${SHEQU_BIN:-$PWD/.build/release/shequ}
work=$(mktemp -d)
export SHEQU_DATA_DIR="$work/data" SHEQU_ADMIN_PASSWORD="Bench-pass-1" SHEQU_ADMIN_SECOND_FACTOR=enrolled
run() {
  echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -m); date: $(date -u +'%F %H:%M UTC'); database: $db"
  if [ "$residents" -gt 0 ]; then
    /usr/bin/time -f "generate residents: %e s" "$bin" generate --residents "$residents" --seed 1 --log warning | tail -n 1
  fi
  "$bin" demo --log warning >/dev/null
  if [ "$residents" -gt 0 ]; then
    /usr/bin/time -f "generate-applications: %e s" "$bin" generate-applications --count $((residents * 2)) --seed 1 --log warning | tail -n 1
  fi
  "$bin" serve --port "$port" --log error >"$work/serve.log" 2>&1 &
  server=$!
  # EXIT only: a RETURN trap would also fire when lib-bench.sh has been sourced.
  trap 'kill $server 2>/dev/null || true' EXIT
  url="http://127.0.0.1:$port"
  for _ in $(seq 1 60); do curl -sf "$url/healthz" >/dev/null && break; sleep 1; done
  source scripts/lib-bench.sh
  committee=$(bench_token community.cuixiang); center=$(bench_token center.cuixiang); street=$(bench_token street.cuixiang)
  streetCookie=$(bench_cookie street.cuixiang)
  c=440402001001
  have=$(curl -s "$url/api/v1/communities/$c/matters?per=1" | python3 -c 'import sys,json; print(json.load(sys.stdin)["total"])')
  for i in $(seq $((have + 1)) 50); do
    curl -sf -o /dev/null -XPOST "$url/api/v1/communities/$c/matters" -H "Authorization: Bearer $committee" \
      -H 'content-type: application/json' -d "{\"title\":\"议题 $i：楼道照明\",\"description\":\"第 $i 号议题，居民提出的楼道照明与维修事项，请议事会讨论。\"}"
  done
  # Ids and a tracking pair, read the way a caller would come by them.
  read -r matter item pair <<<"$(python3 - "$url" "$center" "$c" <<'PY'
import json, sys, urllib.request
url, token, c = sys.argv[1:4]
def call(path, method="GET", body=None, auth=True):
    headers = {"Authorization": "Bearer " + token} if auth else {}
    if body is not None: headers["Content-Type"] = "application/json"
    req = urllib.request.Request(url + path, data=body, method=method, headers=headers)
    return json.load(urllib.request.urlopen(req))
matter = call(f"/api/v1/communities/{c}/matters?per=1", auth=False)["items"][0]["id"]
items = call("/api/v1/service-items", auth=False)
items = items["items"] if isinstance(items, dict) else items
rid = call(f"/api/v1/residents?community={c}")["items"][0]["id"]
last4 = call(f"/api/v1/residents/{rid}/reveal", method="POST")["idNumber"][-4:]
tn = call("/api/v1/applications", method="POST", body=json.dumps({"itemCode": "RS-004", "residentID": rid}).encode())["trackingNumber"]
print(matter, items[0]["code"], f"trackingNumber={tn}&last4={last4}")
PY
)"
  echo "matters in $c: $(curl -s "$url/api/v1/communities/$c/matters?per=1" | python3 -c 'import sys,json; print(json.load(sys.stdin)["total"])')"
  bench_table_head
  bench_row "healthz" "/healthz"
  bench_row "a community's 50 matters (JSON)" "/api/v1/communities/$c/matters"
  bench_row "a community's page, with its matters" "/communities/$c/governance"
  bench_row "one matter (JSON)" "/api/v1/matters/$matter"
  bench_row "one matter (page)" "/matters/$matter"
  bench_row "the catalogue (JSON)" "/api/v1/service-items"
  bench_row "the catalogue (page)" "/services"
  bench_row "an item's guide (JSON)" "/api/v1/service-items/$item"
  bench_row "an item's guide (page)" "/services/$item"
  bench_row "tracking lookup (JSON)" "/api/v1/applications/lookup?$pair"
  bench_row "tracking lookup (page)" "/track?$pair"
  bench_row "the public record, first page (JSON)" "/api/v1/communities/$c/record"
  bench_row "the public record (page)" "/communities/$c/record"
  bench_row "the assemblies calendar (iCalendar)" "/communities/$c/assemblies.ics"
  bench_row "the forum (JSON)" "/api/v1/communities/$c/messages?channel=forum"
  bench_row "the forum (page)" "/communities/$c/messages?channel=forum"
  if [ "$residents" -gt 0 ]; then
    resident=$(curl -s -H "Authorization: Bearer $street" "$url/api/v1/residents?per=1&page=1000" | python3 -c 'import sys,json; print(json.load(sys.stdin)["items"][0]["id"])')
    bench_row "a street's residents, page 1 (JSON)" "/api/v1/residents" "Bearer $street"
    bench_row "a street's residents, page 500 (JSON)" "/api/v1/residents?page=500" "Bearer $street"
    bench_row "a street's residents, page 1 (page)" "/residents" "Cookie: $streetCookie"
    bench_row "a street's residents, page 500 (page)" "/residents?page=500" "Cookie: $streetCookie"
    bench_row "a resident (JSON)" "/api/v1/residents/$resident" "Bearer $street"
    bench_row "a resident (page)" "/residents/$resident" "Cookie: $streetCookie"
  fi
  echo "server RSS after the run: $(ps -o rss= -p "$server" | awk '{printf "%.0f MB", $1/1024}')"
}
if [ "$db" = postgres ]; then
  export -f run; export bin work port residents db
  SHEQU_PG_PORT=${SHEQU_PG_PORT:-25213} scripts/with-postgres.sh bash -c run
else
  run
fi
rm -rf "$work"
