#!/usr/bin/env bash
# Party coverage at city scale (issue 13, Quality) on one database (sqlite or postgres): `shequ demo`, then
# `shequ generate-party` (120,000 members, 3,000 compounds with five-seat owners' committees over every community),
# then wrk on loopback against each coverage figure (P2: city, district, street, community) and the three-in-one
# shares (P3: city, street) through the public API, and the coverage page, p50 and p99. Every answer is counted from
# the records on each request (nothing cached between requests but the keyed index of a resident id).
# Usage: scripts/bench-party.sh sqlite|postgres [members] [compounds]
# BENCH_SECONDS (default 10) per run; connections 1 and 4. Create /tmp/bench.running while it runs (shared machine).
set -euo pipefail
cd "$(dirname "$0")/.."
db=${1:-sqlite}; members=${2:-120000}; compounds=${3:-3000}
port=${BENCH_PORT:-8098}; secs=${BENCH_SECONDS:-10}
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
if [ -z "${SHEQU_BIN:-}" ]; then swift build -c release --product shequ 2>&1 | tail -n 1; fi
bin=${SHEQU_BIN:-$PWD/.build/release/shequ}
work=$(mktemp -d)
export SHEQU_DATA_DIR="$work/data" SHEQU_ADMIN_PASSWORD="Bench-pass-1"
run() {
  echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -m); date: $(date -u +%F); database: $db"
  "$bin" demo --log warning >/dev/null
  /usr/bin/time -f "generate: %e s, %M kB peak" "$bin" generate-party --seed 1 --members "$members" --compounds "$compounds" --log warning | tail -n 1
  "$bin" serve --port "$port" --log error >"$work/serve.log" 2>&1 &
  server=$!
  trap 'kill $server 2>/dev/null || true' RETURN
  url="http://127.0.0.1:$port"
  for _ in $(seq 1 60); do curl -sf "$url/healthz" >/dev/null && break; sleep 1; done
  curl -s "$url/api/v1/party-building/coverage" | python3 -c '
import sys, json
c = json.load(sys.stdin); t = c["total"]
print("city: %d owners committees, %d qualifying, %d of them with an organisation (%s)" % (t["ownersCommittees"], t["qualifying"], t["qualifyingCovered"], c["coverage"]))'
  endpoints="coverage, city (JSON)|/api/v1/party-building/coverage
coverage, district 440402 (JSON)|/api/v1/party-building/coverage?division=440402
coverage, street 440402001 (JSON)|/api/v1/party-building/coverage?division=440402001
coverage, community 440402001001 (JSON)|/api/v1/party-building/coverage?division=440402001001
coverage, city (page)|/party-building/coverage
three-in-one, city (JSON)|/api/v1/party-building/three-in-one
three-in-one, street 440402001 (JSON)|/api/v1/party-building/three-in-one?division=440402001"
  while IFS='|' read -r name path; do
    curl -s -o /dev/null "$url$path"
    for conns in 1 4; do
      out=$(wrk -t1 -c"$conns" -d"${secs}s" --latency "$url$path")
      printf '%s, %s connection(s): %s req/s, p50 %s, p99 %s (load %s)\n' "$name" "$conns" "$(awk '/Requests\/sec/ {print $2}' <<<"$out")" \
        "$(awk '$1 == "50%" {print $2}' <<<"$out")" "$(awk '$1 == "99%" {print $2}' <<<"$out")" "$(cut -d' ' -f1 /proc/loadavg)"
    done
  done <<<"$endpoints"
}
if [ "$db" = postgres ]; then
  export -f run; export bin work port secs members compounds db
  SHEQU_PG_PORT=${SHEQU_PG_PORT:-25110} scripts/with-postgres.sh bash -c run
else
  run
fi
rm -rf "$work"
