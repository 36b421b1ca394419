# Sourced by the bench scripts: tokens, a browser's cookie, waiting for a quiet machine, one wrk row.
# Needs: url (the server), work (a temp dir). Optional: BENCH_SECONDS, BENCH_THREADS, BENCH_CONNECTIONS,
# BENCH_WAIT (seconds at most to wait before each row for the 1-minute load to fall to BENCH_LOAD).
secs=${BENCH_SECONDS:-10}; threads=${BENCH_THREADS:-1}; conns=${BENCH_CONNECTIONS:-4}
wait_max=${BENCH_WAIT:-180}; quiet_load=${BENCH_LOAD:-1.5}

# bench_token USERNAME: an API token for a demo account (password Shequ-demo-2026).
bench_token() {
  curl -s -XPOST "$url/api/v1/auth/token" -H 'content-type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"Shequ-demo-2026\"}" | python3 -c 'import sys,json; print(json.load(sys.stdin)["token"])'
}

# bench_cookie USERNAME: the Cookie header of a browser signed in through the sign-in page.
bench_cookie() {
  local jar="$work/cookies.$1" csrf
  csrf=$(curl -s -c "$jar" "$url/sign-in" | python3 -c 'import sys,re; m=re.search(r"name=\"_csrf\" value=\"([^\"]+)\"", sys.stdin.read()); print(m.group(1) if m else "")')
  curl -s -b "$jar" -c "$jar" -o /dev/null -XPOST "$url/sign-in" --data-urlencode "_csrf=$csrf" \
    --data-urlencode "username=$1" --data-urlencode "password=Shequ-demo-2026"
  awk '{sub(/^#HttpOnly_/, "")} !/^#/ && NF >= 7 {printf "%s%s=%s", (n++ ? "; " : ""), $6, $7}' "$jar"
}

bench_wait_quiet() {
  local load
  for _ in $(seq 1 $((wait_max / 15))); do
    load=$(cut -d' ' -f1 /proc/loadavg)
    python3 -c "import sys; sys.exit(0 if float('$load') <= $quiet_load else 1)" && return 0
    sleep 15
  done
}

bench_table_head() {
  printf '| read | path | status, bytes | load (1 min) | req/s | p50 | p99 |\n|---|---|---|---|---|---|---|\n'
}

# bench_row NAME PATH [AUTH]: one table row; AUTH is "" (public), "Bearer TOKEN" or "Cookie: …".
# The status and size come from one request first, so a row that measured a 403 or a 404 says so.
bench_row() {
  local name=$1 path=$2 auth=${3:-} t="" c="" hdr=() out check load rps p50 p99 non2xx
  case "$auth" in
    Bearer\ *) t=${auth#Bearer }; hdr=(-H "Authorization: $auth") ;;
    Cookie:\ *) c=${auth#Cookie: }; hdr=(-H "$auth") ;;
  esac
  check=$(curl -s -o /dev/null -w '%{http_code}, %{size_download}' "${hdr[@]}" "$url$path")
  bench_wait_quiet
  load=$(cut -d' ' -f1 /proc/loadavg)
  out=$(BENCH_PATH="$path" TOKEN="$t" COOKIE="$c" wrk -t"$threads" -c"$conns" -d"${secs}s" --latency -s bench/get.lua "$url")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  non2xx=$(awk '/Non-2xx/ {print " (non-2xx: " $5 ")"}' <<<"$out")
  printf '| %s | `%s` | %s | %s | %s | %s | %s%s |\n' "$name" "$path" "$check" "$load" "$rps" "$p50" "$p99" "$non2xx"
}
