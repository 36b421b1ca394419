#!/usr/bin/env bash
# Issue 13's quality target at city scale, on one database (sqlite or postgres): `shequ generate --residents N`
# (default 2,500,000), `shequ demo`, `shequ generate-party` (120,000 members, 3,000 compounds), `shequ
# generate-workforce` (6,000 workers), then wrk on loopback against every coverage figure and three-in-one share
# (public) and the grade lists (as the city's administrator and a street's official), beside /healthz. Usage:
#   scripts/bench-people.sh sqlite|postgres [residents]      (0: no residents generated, for a quick run)
# BENCH_SECONDS (default 10) per endpoint; BENCH_CONNECTIONS (default 4); BENCH_WAIT (default 180): seconds at most
# to wait before each endpoint for the load average to fall to 1.5; SHEQU_BIN: a release binary already built.
# Create /tmp/bench.running while it runs (shared machine).
set -euo pipefail
cd "$(dirname "$0")/.."
db=${1:-sqlite}; residents=${2:-2500000}
port=${BENCH_PORT:-8095}; secs=${BENCH_SECONDS:-10}; conns=${BENCH_CONNECTIONS:-4}; wait_max=${BENCH_WAIT:-180}
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
  /usr/bin/time -f "generate-party: %e s" "$bin" generate-party --seed 1 --log warning | tail -n 1
  /usr/bin/time -f "generate-workforce: %e s" "$bin" generate-workforce --seed 1 --log warning | tail -n 1
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
  jar="$work/cookies"
  csrf=$(curl -s -c "$jar" "$url/sign-in" | python3 -c 'import sys,re; m=re.search(r"name=\"_csrf\" value=\"([^\"]+)\"", sys.stdin.read()); print(m.group(1) if m else "")')
  curl -s -b "$jar" -c "$jar" -o /dev/null -XPOST "$url/sign-in" --data-urlencode "_csrf=$csrf" \
    --data-urlencode "username=city.admin" --data-urlencode "password=Shequ-demo-2026"
  cookie=$(awk '{sub(/^#HttpOnly_/, "")} !/^#/ && NF >= 7 {printf "%s%s=%s", (n++ ? "; " : ""), $6, $7}' "$jar")
  curl -s "$url/api/v1/party-building/coverage" | python3 -c '
import sys, json
c = json.load(sys.stdin); t = c["total"]
print("city: %d owners committees, %d qualifying, %d of them with an organisation (%s)" % (t["ownersCommittees"], t["qualifying"], t["qualifyingCovered"], c["coverage"]))'
  echo "workers serving city-wide: $(curl -s -H "Authorization: Bearer $city" "$url/api/v1/workforce/staff?per=1" | python3 -c 'import sys,json; print(json.load(sys.stdin)["total"])')"
  endpoints="healthz|/healthz|public
coverage, city (JSON)|/api/v1/party-building/coverage|public
coverage, district 440402 (JSON)|/api/v1/party-building/coverage?division=440402|public
coverage, street 440402001 (JSON)|/api/v1/party-building/coverage?division=440402001|public
coverage, community 440402001001 (JSON, the street's official: with its compounds)|/api/v1/party-building/coverage?division=440402001001|street
coverage, city (page)|/party-building/coverage|public
three-in-one, city (JSON)|/api/v1/party-building/three-in-one|public
three-in-one, district 440402 (JSON)|/api/v1/party-building/three-in-one?division=440402|public
three-in-one, street 440402001 (JSON)|/api/v1/party-building/three-in-one?division=440402001|public
three-in-one, community 440402001001 (JSON)|/api/v1/party-building/three-in-one/440402001001|public
grade list, city-wide, 1st page of 50 (JSON)|/api/v1/workforce/staff|city
grade list, city-wide, page 60 of 50 (JSON)|/api/v1/workforce/staff?page=60|city
grade list, city-wide, 200 rows (JSON)|/api/v1/workforce/staff?per=200|city
grade list, one street, 1st page of 50 (JSON)|/api/v1/workforce/staff|street
grade list, city-wide (page)|/workforce|cookie"
  printf '| endpoint | path | status, bytes | load (1 min) | req/s | p50 | p99 |\n|---|---|---|---|---|---|---|\n'
  while IFS='|' read -r name path who; do
    t=""; c=""; auth=()
    [ "$who" = city ] && t=$city
    [ "$who" = street ] && t=$street
    [ "$who" = cookie ] && c=$cookie
    [ -n "$t" ] && auth=(-H "Authorization: Bearer $t")
    [ -n "$c" ] && auth=(-H "Cookie: $c")
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
  echo "server RSS after the run: $(ps -o rss= -p "$server" | awk '{printf "%.0f MB", $1/1024}')"
}
if [ "$db" = postgres ]; then
  export -f run; export bin work port secs conns residents db wait_max
  SHEQU_PG_PORT=${SHEQU_PG_PORT:-25212} scripts/with-postgres.sh bash -c run
else
  run
fi
rm -rf "$work"
