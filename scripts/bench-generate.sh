#!/usr/bin/env bash
# Times `shequ generate` for N residents (default 2,500,000: Zhuhai's
# population) on SQLite and on a throwaway PostgreSQL 15, with a release build.
# Prints one line per database; BENCHMARKS.md records the figures.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-2500000}
swift build -c release --product shequ 2>&1 | tail -n 1
bin=.build/release/shequ
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -m); date: $(date -u +%F)"

SHEQU_DATA_DIR="$data/sqlite" SHEQU_ADMIN_PASSWORD=Bench-pass-1 "$bin" migrate --yes --log warning >/dev/null
start=$(date +%s.%N)
SHEQU_DATA_DIR="$data/sqlite" "$bin" generate --residents "$n" --seed 1 --log warning | tail -n 1
end=$(date +%s.%N)
echo "sqlite: $n residents in $(python3 -c "print(round($end - $start, 1))") s; file $(du -h "$data/sqlite/shequ.sqlite" | cut -f1)"

SHEQU_DATA_DIR="$data/pg" scripts/with-postgres.sh bash -c '
  "$0" migrate --yes --log warning >/dev/null
  start=$(date +%s.%N)
  "$0" generate --residents "$1" --seed 1 --log warning | tail -n 1
  end=$(date +%s.%N)
  echo "postgresql: $1 residents in $(python3 -c "print(round($end - $start, 1))") s"
' "$bin" "$n"
