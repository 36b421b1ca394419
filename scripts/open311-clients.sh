#!/usr/bin/env bash
# Runs Tests/open311 (pytest + the `georeport` client from PyPI) against a
# demo instance on loopback, on SQLite.
set -euo pipefail
cd "$(dirname "$0")/.."
port=${SHEQU_O311_PORT:-8093}
work=$(mktemp -d)
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install -q georeport pytest xmltodict
export SHEQU_DATA_DIR="$work/data" SHEQU_ADMIN_PASSWORD="O311-pass-1"
unset DATABASE_URL
bin=.build/debug/shequ
"$bin" demo --log warning >/dev/null
"$bin" serve --port "$port" --log warning >"$work/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 30); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 1; done
url="http://127.0.0.1:$port"
token() { curl -s -XPOST "$url/api/v1/auth/token" -H 'content-type: application/json' \
  -d "{\"username\":\"$1\",\"password\":\"Shequ-demo-2026\"}" | python3 -c 'import sys,json; print(json.load(sys.stdin)["token"])'; }
key=$(token center.cuixiang)
other=$(token center.meihua)
# A demo resident of 翠香街道, found and revealed the way window staff would.
resident=$(curl -s "$url/api/v1/residents?community=440402001001" -H "Authorization: Bearer $key" | python3 -c 'import sys,json; print(json.load(sys.stdin)["items"][0]["id"])')
idnumber=$(curl -s -XPOST "$url/api/v1/residents/$resident/reveal" -H "Authorization: Bearer $key" | python3 -c 'import sys,json; print(json.load(sys.stdin)["idNumber"])')
SHEQU_URL="$url" SHEQU_API_KEY="$key" SHEQU_OTHER_API_KEY="$other" SHEQU_RESIDENT_ID="$idnumber" \
  "$work/venv/bin/python" -m pytest -q Tests/open311
