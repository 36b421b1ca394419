# Sourced by scripts that need a running demo instance on loopback.
# Sets: url, server (pid), work (temp dir, removed on exit). Needs: port.
work=$(mktemp -d)
export SHEQU_DATA_DIR="$work/data" SHEQU_ADMIN_PASSWORD="Demo-pass-1"
# The scripts ask for tokens with the demo's published password alone, city.admin's among them (fuzz-api.sh).
export SHEQU_ADMIN_SECOND_FACTOR=enrolled
unset DATABASE_URL
bin=${SHEQU_BIN:-.build/debug/shequ}
"$bin" demo --log warning >/dev/null
"$bin" serve --port "$port" --log warning >"$work/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
url="http://127.0.0.1:$port"
for _ in $(seq 1 30); do curl -sf "$url/healthz" >/dev/null && break; sleep 1; done

# demo_token USERNAME: an API token for a demo account.
demo_token() {
  curl -s -XPOST "$url/api/v1/auth/token" -H 'content-type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"Shequ-demo-2026\"}" | python3 -c 'import sys,json; print(json.load(sys.stdin)["token"])'
}
