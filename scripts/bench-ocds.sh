#!/usr/bin/env bash
# The OCDS publication at city scale (issue 12, Quality): `shequ ocds generate` fills the release log with
# PROJECTS projects of ten releases each over every street and five years (5,000 → 50,000 releases), verified
# by `shequ ocds verify`; then, with a release build serving on loopback:
# - a record compiled on request: wrk on /api/v1/ocds/projects/{id}/record, each request another of 500
#   projects picked at random, p50 and p99;
# - a year's release package: downloaded with curl while the server's resident memory is read every 20 ms
#   from /proc, peak over idle against the package's size, for the largest year and for two years at once.
# Usage: scripts/bench-ocds.sh sqlite|postgres [projects]   (BENCH_SECONDS per run, default 10)
set -euo pipefail
cd "$(dirname "$0")/.."
db=${1:-sqlite}; projects=${2:-5000}
port=${BENCH_PORT:-8097}; secs=${BENCH_SECONDS:-10}
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
# SHEQU_BIN: another build of shequ (a debug one to try the script; figures only from release).
if [ -z "${SHEQU_BIN:-}" ]; then swift build -c release --product shequ 2>&1 | tail -n 1; fi
bin=${SHEQU_BIN:-$PWD/.build/release/shequ}
work=$(mktemp -d)
export SHEQU_DATA_DIR="$work/data" SHEQU_ADMIN_PASSWORD="Bench-pass-1"
run() {
  echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -m); date: $(date -u +%F); database: $db"
  /usr/bin/time -f "generate: %e s, %M kB peak" "$bin" ocds generate --projects "$projects" --seed 1 --log warning | tail -n 1
  /usr/bin/time -f "verify: %e s, %M kB peak" "$bin" ocds verify --log warning
  "$bin" serve --port "$port" --log error >"$work/serve.log" 2>&1 &
  server=$!
  trap 'kill $server 2>/dev/null || true' RETURN
  url="http://127.0.0.1:$port"
  for _ in $(seq 1 60); do curl -sf "$url/healthz" >/dev/null && break; sleep 1; done
  # 500 projects at random, from the years' packages' ocids.
  prefix=$(curl -s "$url/api/v1/ocds/releases/2022" | python3 -c '
import sys, json, random
ocids = sorted({r["ocid"] for r in json.load(sys.stdin)["releases"]})
print(ocids[0][:-37])')
  for y in 2022 2023 2024 2025 2026; do curl -s "$url/api/v1/ocds/releases/$y"; echo; done | python3 -c '
import sys, json, random
ocids = set()
for line in sys.stdin:
    if line.strip():
        ocids.update(r["ocid"] for r in json.loads(line)["releases"])
random.seed(1)
for ocid in random.sample(sorted(ocids), min(500, len(ocids))):
    print("/api/v1/ocds/projects/" + ocid[-36:] + "/record")' > "$work/paths"
  echo "projects sampled: $(wc -l < "$work/paths"); one record: $(curl -s -o /dev/null -w '%{http_code}, %{size_download} bytes' "$url$(head -n 1 "$work/paths")")"
  curl -s "$url$(head -n 1 "$work/paths")" >/dev/null
  for conns in 1 4; do
    out=$(BENCH_PATHS="$work/paths" wrk -t1 -c"$conns" -d"${secs}s" --latency -s bench/ocds-record.lua "$url")
    printf 'record, %s connection(s): %s req/s, p50 %s, p99 %s (load %s)\n' "$conns" "$(awk '/Requests\/sec/ {print $2}' <<<"$out")" \
      "$(awk '$1 == "50%" {print $2}' <<<"$out")" "$(awk '$1 == "99%" {print $2}' <<<"$out")" "$(cut -d' ' -f1 /proc/loadavg)"
  done
  rss() { awk '/VmRSS/ {print $2}' "/proc/$server/status"; }
  for years in "2026" "2025 2026"; do
    idle=$(rss); peak=$idle; bytes=0
    for y in $years; do
      curl -s "$url/api/v1/ocds/releases/$y" -o "$work/year.json" &
      fetch=$!
      while kill -0 $fetch 2>/dev/null; do r=$(rss); [ "$r" -gt "$peak" ] && peak=$r; sleep 0.02; done
      bytes=$((bytes + $(stat -c %s "$work/year.json")))
      python3 -c 'import json,sys; p=json.load(open(sys.argv[1])); print("  year", sys.argv[2], len(p["releases"]), "releases")' "$work/year.json" "$y"
    done
    printf 'year package(s) %s: %s MB sent; server RSS idle %s MB, peak %s MB (+%s MB)\n' "$years" "$((bytes / 1048576))" \
      "$((idle / 1024))" "$((peak / 1024))" "$(((peak - idle) / 1024))"
  done
}
if [ "$db" = postgres ]; then
  export -f run; export bin work port secs projects db
  SHEQU_PG_PORT=${SHEQU_PG_PORT:-25497} scripts/with-postgres.sh bash -c run
else
  run
fi
rm -rf "$work"
