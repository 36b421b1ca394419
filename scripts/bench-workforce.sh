#!/usr/bin/env bash
# The community workforce at city scale on one database (sqlite or postgres): `shequ demo`, then
# `shequ generate-workforce` (6,000 workers over every community, a third with a social-worker certificate, three
# years of appraisals each, half with training), then wrk on loopback against the grade lists (API and page, city-wide
# and one street), one record, the workload, the public staff list and the rule-change preview, each as the role that
# reads it. Usage:
#   scripts/bench-workforce.sh sqlite|postgres [staff]
# BENCH_SECONDS (default 10) per endpoint; BENCH_CONNECTIONS (default 4); BENCH_WAIT (default 180): seconds at most to
# wait before each endpoint for the load average to fall to 1.5. Create /tmp/bench.running while it runs (shared machine).
set -euo pipefail
cd "$(dirname "$0")/.."
db=${1:-sqlite}; staff=${2:-6000}
port=${BENCH_PORT:-8097}; secs=${BENCH_SECONDS:-10}; conns=${BENCH_CONNECTIONS:-4}; wait_max=${BENCH_WAIT:-180}
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
swift build -c release --product shequ 2>&1 | tail -n 1
bin=$PWD/.build/release/shequ
work=$(mktemp -d)
# The city administrator signs in with a password alone here (the bench has no second factor to enrol).
export SHEQU_DATA_DIR="$work/data" SHEQU_ADMIN_PASSWORD="Bench-pass-1" SHEQU_ADMIN_SECOND_FACTOR=enrolled
run() {
  echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -m); date: $(date -u +%F); database: $db"
  "$bin" demo --log warning >/dev/null
  "$bin" generate-workforce --seed 1 --staff "$staff" --log warning | tail -n 1
  "$bin" serve --port "$port" --log error >"$work/serve.log" 2>&1 &
  server=$!
  trap 'kill $server 2>/dev/null || true' RETURN EXIT
  url="http://127.0.0.1:$port"
  for _ in $(seq 1 60); do curl -sf "$url/healthz" >/dev/null && break; sleep 1; done
  token() {
    curl -s -XPOST "$url/api/v1/auth/token" -H 'content-type: application/json' \
      -d "{\"username\":\"$1\",\"password\":\"Shequ-demo-2026\"}" | python3 -c 'import sys,json; print(json.load(sys.stdin)["token"])'
  }
  city=$(token city.admin); street=$(token street.cuixiang)
  # A browser session of the city's administrator for the pages: the sign-in form with its CSRF token.
  jar="$work/cookies"
  csrf=$(curl -s -c "$jar" "$url/sign-in" | python3 -c 'import sys,re; m=re.search(r"name=\"_csrf\" value=\"([^\"]+)\"", sys.stdin.read()); print(m.group(1) if m else "")')
  curl -s -b "$jar" -c "$jar" -o /dev/null -XPOST "$url/sign-in" --data-urlencode "_csrf=$csrf" \
    --data-urlencode "username=city.admin" --data-urlencode "password=Shequ-demo-2026"
  cookie=$(awk '{sub(/^#HttpOnly_/, "")} !/^#/ && NF >= 7 {printf "%s%s=%s", (n++ ? "; " : ""), $6, $7}' "$jar")
  record=$(curl -s -H "Authorization: Bearer $city" "$url/api/v1/workforce/staff?per=1&page=3000" | python3 -c 'import sys,json; print(json.load(sys.stdin)["items"][0]["id"])')
  draft=$(curl -s "$url/api/v1/workforce/rule-sets" | python3 -c 'import sys,json; print(next(r["id"] for r in json.load(sys.stdin) if r["state"] == "draft"))')
  total=$(curl -s -H "Authorization: Bearer $city" "$url/api/v1/workforce/staff?per=1" | python3 -c 'import sys,json; print(json.load(sys.stdin)["total"])')
  echo "workers serving city-wide: $total"
  # name | path | who: city (API as city.admin), street (API as street.cuixiang), cookie (page as city.admin), public
  endpoints="healthz|/healthz|public
grade list, city-wide, 1st page of 50 (JSON)|/api/v1/workforce/staff|city
grade list, city-wide, page 60 of 50 (JSON)|/api/v1/workforce/staff?page=60|city
grade list, city-wide, 200 rows (JSON)|/api/v1/workforce/staff?per=200|city
grade list, one street, 1st page of 50 (JSON)|/api/v1/workforce/staff|street
grade list, city-wide (page)|/workforce|cookie
one worker's record (JSON)|/api/v1/workforce/staff/$record|city
one worker's record (page)|/workforce/staff/$record|cookie
workload, city-wide, 1st page of 50 (JSON)|/api/v1/workforce/workload|city
public: a community's staff (JSON)|/api/v1/communities/440402001001/staff|public
rule-change preview, every worker of the city (JSON)|/api/v1/workforce/rule-sets/$draft/preview|city"
  printf '| endpoint | path | status, bytes | load (1 min) | req/s | p50 | p99 |\n|---|---|---|---|---|---|---|\n'
  while IFS='|' read -r name path who; do
    auth=()
    [ "$who" = city ] && auth=(-H "Authorization: Bearer $city")
    [ "$who" = street ] && auth=(-H "Authorization: Bearer $street")
    [ "$who" = cookie ] && auth=(-H "Cookie: $cookie")
    t=""; c=""
    [ "$who" = city ] && t=$city
    [ "$who" = street ] && t=$street
    [ "$who" = cookie ] && c=$cookie
    check=$(curl -s -o /dev/null -w '%{http_code}, %{size_download}' "${auth[@]}" "$url$path")
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
  done <<<"$endpoints"
}
if [ "$db" = postgres ]; then
  export -f run; export bin work port secs conns staff db wait_max
  SHEQU_PG_PORT=${SHEQU_PG_PORT:-25211} scripts/with-postgres.sh bash -c run
else
  run
fi
rm -rf "$work"
