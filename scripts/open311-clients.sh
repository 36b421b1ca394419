#!/usr/bin/env bash
# Runs Tests/open311 (pytest + the `georeport` client from PyPI) against a
# demo instance on loopback, on SQLite.
set -euo pipefail
cd "$(dirname "$0")/.."
port=${SHEQU_O311_PORT:-8093}
. scripts/lib-demo-server.sh
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install -q georeport pytest xmltodict
key=$(demo_token center.cuixiang)
other=$(demo_token center.meihua)
own=$(demo_token resident.demo)
# A demo resident of 翠香街道, found and revealed the way window staff would.
resident=$(curl -s "$url/api/v1/residents?community=440402001001" -H "Authorization: Bearer $key" | python3 -c 'import sys,json; print(json.load(sys.stdin)["items"][0]["id"])')
idnumber=$(curl -s -XPOST "$url/api/v1/residents/$resident/reveal" -H "Authorization: Bearer $key" | python3 -c 'import sys,json; print(json.load(sys.stdin)["idNumber"])')
SHEQU_URL="$url" SHEQU_API_KEY="$key" SHEQU_OTHER_API_KEY="$other" SHEQU_RESIDENT_API_KEY="$own" SHEQU_RESIDENT_ID="$idnumber" \
  "$work/venv/bin/python" -m pytest -q Tests/open311
