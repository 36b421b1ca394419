#!/usr/bin/env bash
# S1's concurrency claim, shown: two server instances on one PostgreSQL, one
# assembly, N voters (default 10,000) who each send their ballot twice, once
# to each instance, all at once. Exactly one ballot per voter must count.
# Usage: scripts/vote-burst.sh [voters]   (SHEQU_BIN=.build/debug/shequ to skip the release build, as CI does)
set -euo pipefail
cd "$(dirname "$0")/.."
voters=${1:-10000}
if [ -z "${SHEQU_BIN:-}" ]; then
  swift build -c release --product shequ 2>&1 | tail -n 1
  SHEQU_BIN=$PWD/.build/release/shequ
fi
export bin=$SHEQU_BIN voters
export work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
burst() {
  set -euo pipefail
  export SHEQU_DATA_DIR="$work/data" SHEQU_ADMIN_PASSWORD="Burst-pass-1"
  community=440402001001
  echo "machine: $(nproc) cores; date: $(date -u +%F); voters: $voters; two instances on one PostgreSQL 15"
  "$bin" demo --log warning >/dev/null
  "$bin" generate-accounts --community $community --count "$voters" --tokens "$work/tokens.txt" --log warning
  "$bin" serve --port 8101 --log error >"$work/a.log" 2>&1 & a=$!
  "$bin" serve --port 8102 --log error >"$work/b.log" 2>&1 & b=$!
  trap 'kill $a $b 2>/dev/null || true' RETURN
  for port in 8101 8102; do
    for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 1; done
  done
  python3 - "$work/tokens.txt" "$community" <<'PY'
import json, random, sys, time, urllib.error, urllib.request
from concurrent.futures import ThreadPoolExecutor
tokens = open(sys.argv[1]).read().split()
community = sys.argv[2]
A, B = "http://127.0.0.1:8101", "http://127.0.0.1:8102"
def call(base, method, path, token=None, body=None):
    req = urllib.request.Request(base + path, method=method, data=json.dumps(body).encode() if body is not None else None,
                                 headers={"Content-Type": "application/json", **({"Authorization": "Bearer " + token} if token else {})})
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, json.loads(r.read() or b"null")
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"null")
def token(user):
    return call(A, "POST", "/api/v1/auth/token", body={"username": user, "password": "Shequ-demo-2026"})[1]["token"]
committee, deliberation = token("community.cuixiang"), token("deliberation.demo")
s, matter = call(A, "POST", f"/api/v1/communities/{community}/matters", committee, {"title": "加装电梯（压力测试）", "description": "burst"})
assert s == 201, matter
mid = matter["id"]
assert call(B, "POST", f"/api/v1/matters/{mid}/steps", deliberation, {"step": "takeUp"})[0] == 200
assert call(A, "POST", f"/api/v1/matters/{mid}/steps", deliberation, {"step": "recommend", "text": "表决"})[0] == 200
# Voting opens only when the assembly starts, after the charter's notice period: a
# charter with no notice period lets the burst start in seconds instead of a week.
rules = {"residentsAssemblyBase": "adults", "quorum": {"numerator": 1, "denominator": 2, "strictlyMore": True},
         "majority": {"numerator": 1, "denominator": 2, "strictlyMore": True}, "majorityBase": "present", "noticeDays": 0,
         "secretBallot": False, "migrantsVoteAfterMonths": 6, "representativesPerGroup": [2, 3], "minimumAge": 18}
s, charter = call(A, "POST", f"/api/v1/communities/{community}/charters", committee,
                  {"title": "章程（压力测试）", "text": "不设通知期。", "rules": rules})
assert s == 201, charter
starts = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + 3))
s, assembly = call(B, "POST", f"/api/v1/matters/{mid}/assemblies", committee,
                   {"kind": "residents", "title": "居民会议（压力测试）", "place": "活动室", "startsAt": starts})
assert s == 201, assembly
aid = assembly["id"]
time.sleep(5)
s, opened = call(A, "POST", f"/api/v1/assemblies/{aid}/open", committee)
assert s == 200, opened
random.seed(1)
jobs = []
for t in tokens:
    choice = random.choice(["inFavor", "inFavor", "against", "abstain"])
    jobs += [(A, t, choice), (B, t, choice)]
random.shuffle(jobs)
started = time.time()
with ThreadPoolExecutor(max_workers=64) as pool:
    statuses = list(pool.map(lambda j: call(j[0], "POST", f"/api/v1/assemblies/{aid}/ballots", j[1], {"choice": j[2]})[0], jobs))
seconds = time.time() - started
created, conflict = statuses.count(201), statuses.count(409)
other = len(statuses) - created - conflict
s, tally = call(A, "POST", f"/api/v1/assemblies/{aid}/close", committee)
print(f"{len(jobs)} ballot requests in {seconds:.1f} s ({len(jobs)/seconds:.0f}/s): {created} counted (201), {conflict} refused as second ballots (409), {other} other")
print(f"close: {s} {json.dumps(tally)}")
ok = created == len(tokens) and conflict == len(tokens) and other == 0 and tally.get("present", 0) >= len(tokens)
print("one counted ballot per voter" if ok else "FAILED: counts do not match")
sys.exit(0 if ok else 1)
PY
  psql "${DATABASE_URL%%\?*}" -Atc "SELECT 'ballots ' || COUNT(*) FROM ballots; SELECT 'receipts ' || COUNT(*) || ', distinct voters ' || COUNT(DISTINCT voter_key) FROM ballot_receipts;"
  "$bin" record verify --log warning
}
export -f burst
scripts/with-postgres.sh bash -c burst
