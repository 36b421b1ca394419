#!/usr/bin/env bash
# The demo's OCDS publication, end to end and offline: starts a demo instance on loopback (SQLite), fetches
# every purchase project's release package and record package and each year's release package over HTTP,
# and validates them with lib-cove-ocds from PyPI (pinned in scripts/ocds-requirements.txt) against the
# schema in data/ocds-1.1.5 (scripts/ocds-validate.py), including the validator's own proof that broken
# copies fail; then `shequ ocds verify` checks the release log's chains.
# The venv is kept in .build/ocds-venv (SHEQU_OCDS_VENV), so a second run installs nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=${SHEQU_OCDS_VENV:-$PWD/.build/ocds-venv}
if ! "$venv/bin/python" -c "import libcoveocds" 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q -r scripts/ocds-requirements.txt
fi
port=${SHEQU_OCDS_PORT:-8094}
. scripts/lib-demo-server.sh
out="$work/ocds"
mkdir -p "$out"
projects=$(curl -sf "$url/api/v1/procurement?per=200" | python3 -c 'import sys,json; print("\n".join(i["id"] for i in json.load(sys.stdin)["items"]))')
if [ -z "$projects" ]; then
  # Said, not failed: the demo's projects come with the Procurement module's demo data, the validator is
  # proven on a whole purchase cycle by the test suites all the same (OCDSPublisherTests, OCDSValidationTests).
  echo "ocds-check: the demo has no purchase-of-service project yet: nothing to validate over HTTP"
  "$bin" ocds verify --log warning
  exit 0
fi
files=()
for id in $projects; do
  curl -sf "$url/api/v1/ocds/projects/$id/releases" -o "$out/$id-releases.json"
  curl -sf "$url/api/v1/ocds/projects/$id/record" -o "$out/$id-record.json"
  files+=("$out/$id-releases.json" "$out/$id-record.json")
done
years=$(cat "$out"/*-releases.json | python3 -c '
import sys, json
text = sys.stdin.read()
decoder, at, years = json.JSONDecoder(), 0, set()
while at < len(text):
    package, at = decoder.raw_decode(text, at)
    years.update(r["date"][:4] for r in package["releases"])
print("\n".join(sorted(years)))')
for year in $years; do
  curl -sf "$url/api/v1/ocds/releases/$year" -o "$out/year-$year.json"
  files+=("$out/year-$year.json")
done
echo "ocds-check: $(echo "$projects" | wc -l) projects, years $(echo $years)"
"$venv/bin/python" scripts/ocds-validate.py --self-test "${files[@]}"
"$bin" ocds verify --log warning
