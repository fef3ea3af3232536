#!/usr/bin/env bash
# Issue 6, "Proof": group directory queries on a 100k-member group, end to end over HTTP on
# loopback. Imports MEMBERS members (default 100,000, plus a viewer V) with EDGES random
# connections each (default 20) through `rapport import --format csv`, each with one of 50
# locations, 20 industries and a position at one of 200 companies and a school among 100; then,
# with the server stopped, puts every member into one MEMBERS_ONLY group G (joined one second
# apart) and 5,000 more into its requests. V (with 1,000 connections among them) owns G. Starts
# the server and measures, as V, with wrk (one connection, then four):
#   (a) GET /groups/G/members?limit=20            first page (with the member total)
#   (b) the same, the 100th page (cursor)
#   (c) ?location=City 7                           (1 in 50 members match)
#   (d) ?company=Company 123                       (1 in 200)
#   (e) ?q=Number 4242                             name search, a few matches
#   (f) GET /groups/G/requests?location=City 7&school=School 57   the owner's filtered requests
#   (g) GET /groups/G                              the group with its member count
# Every answer is checked once with curl first. KEEP=1 keeps the temporary directory.
#
#   graph-bench/http/groups.sh
#   MEMBERS=20000 DURATION=10s graph-bench/http/groups.sh   # a quick try
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
n=${MEMBERS:-100000}
edges=${EDGES:-20}
requests=${REQUESTS:-5000}
port=${PORT:-18083}
duration=${DURATION:-20s}
base="http://127.0.0.1:$port"
export RAPPORT_JAVA_OPTS=${RAPPORT_JAVA_OPTS:--Xmx2g}

source "$here/feed-data.sh"   # prepare_work, start_server, load
prepare_work
mkdir -p "$work/net" "$work/data"
V=$((n + requests + 1))
total=$V
echo "== data: $n group members + $requests requesters + viewer V=$V, $edges random connections each ($(load))"
t0=$(date +%s)
awk -v t="$total" 'BEGIN {
  print "externalId,email,firstName,lastName,location,industry"
  for (i = 1; i <= t; i++) printf "m%d,member%d@bench.rapport.test,Member,Number %d,City %d,Industry %d\n", i, i, i, i % 50, i % 20
}' > "$work/net/members.csv"
awk -v t="$total" -v e="$edges" -v v="$V" 'BEGIN {
  srand(6); print "a,b"
  for (i = 1; i < v; i++) for (k = 0; k < e; k++) { b = 1 + int(rand() * (v - 1)); if (b != i) printf "m%d,m%d\n", i, b }
  for (k = 0; k < 1000; k++) printf "m%d,m%d\n", v, 1 + (k * 7919) % (v - 1)
}' > "$work/net/connections.csv"
RAPPORT_DATA_DIR="$work/data" "$root/rapport" import --format csv "$work/net" > "$work/import.json"
rm -rf "$work/net"
db="$work/data/rapport.db"
[ -f "$db" ] || db=$(ls "$work"/data/*.db | head -1)
now=$(date +%s%3N)
sqlite3 "$db" > /dev/null <<SQL
PRAGMA journal_mode = DELETE;
PRAGMA synchronous = OFF;
PRAGMA cache_size = -500000;
BEGIN;
INSERT INTO member_positions (member_id, ordinal, company, company_key, title, start_year, end_year)
SELECT id, 0, 'Company ' || (id % 200), 'company ' || (id % 200), 'Engineer', 2015, NULL FROM members;
INSERT INTO member_education (member_id, ordinal, school, school_key, degree, start_year, end_year)
SELECT id, 0, 'School ' || (id % 100), 'school ' || (id % 100), 'BSc', 2008, 2012 FROM members;
INSERT INTO groups (id, name, description, rules, visibility, listed, owner_id, created_at)
VALUES (1, 'The hundred thousand', 'A group of $n members', '', 'MEMBERS_ONLY', TRUE, $V, $now);
INSERT INTO group_members (group_id, member_id, role, joined_at) VALUES (1, $V, 'OWNER', $now - 1000 * ($n + 1));
INSERT INTO group_members (group_id, member_id, role, joined_at)
SELECT 1, id, 'MEMBER', $now - 1000 * ($n + 1 - id) FROM members WHERE id <= $n;
INSERT INTO group_requests (group_id, member_id, created_at)
SELECT 1, id, $now - 1000 * ($V - id) FROM members WHERE id > $n AND id < $V;
COMMIT;
ANALYZE;
SQL
tokV="bench-$V-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
sqlite3 "$db" "INSERT INTO api_tokens VALUES ('$(printf '%s' "$tokV" | sha256sum | cut -d' ' -f1)', $V, $now, $now, $((now + 86400000)));"
echo "   built in $(( $(date +%s) - t0 )) s: $(sqlite3 "$db" "SELECT (SELECT count(*) FROM group_members) || ' group members, ' || (SELECT count(*) FROM group_requests) || ' requests, ' || (SELECT count(*) FROM connections) || ' connections'"); database $(du -sh "$work/data" | cut -f1)"

echo "== server on $base ($RAPPORT_JAVA_OPTS)"
t0=$(date +%s)
start_server "$port"
echo "   up in $(( $(date +%s) - t0 )) s; $(load)"

check() { # path -> prints items count and total once; fails unless 200
  local out; out=$(curl -sf "$base/api/v1$1" -H "authorization: Bearer $tokV") || { echo "GET $1 failed" >&2; exit 1; }
  echo "$out" | python3 -c 'import json,sys; d=json.load(sys.stdin); print("   answer:", (str(len(d["items"])) + " items, total " + str(d.get("total"))) if "items" in d else "memberCount " + str(d.get("memberCount")))'
}
measure() { # label, path
  echo "== $1: GET $2"
  check "$2"
  wrk -t1 -c1 -d5s -s "$here/groups.lua" "$base" -- "$tokV" "/api/v1$2" >/dev/null 2>&1
  echo "   [$(load)] 1 connection, $duration:"
  wrk -t1 -c1 -d"$duration" --latency -s "$here/groups.lua" "$base" -- "$tokV" "/api/v1$2" 2>&1 \
    | grep -E '50%|90%|99%|Requests/sec|Non-2xx' | sed 's/^/     /'
  echo "   [$(load)] 4 connections, $duration:"
  wrk -t2 -c4 -d"$duration" --latency -s "$here/groups.lua" "$base" -- "$tokV" "/api/v1$2" 2>&1 \
    | grep -E '50%|90%|99%|Requests/sec|Non-2xx' | sed 's/^/     /'
}
cursor=""
for _ in $(seq 1 99); do
  cursor=$(curl -sf "$base/api/v1/groups/1/members?limit=20${cursor:+&cursor=$cursor}" -H "authorization: Bearer $tokV" \
    | python3 -c 'import json,sys,urllib.parse; print(urllib.parse.quote(json.load(sys.stdin)["nextCursor"], safe=""))')
done
measure "(a) directory, first page" "/groups/1/members?limit=20"
measure "(b) directory, 100th page" "/groups/1/members?limit=20&cursor=$cursor"
measure "(c) directory by location" "/groups/1/members?limit=20&location=City%207"
measure "(d) directory by company" "/groups/1/members?limit=20&company=Company%20123"
measure "(e) directory by name" "/groups/1/members?limit=20&q=Number%204242"
measure "(f) requests by location and school" "/groups/1/requests?limit=20&location=City%207&school=School%2057"
measure "(g) the group" "/groups/1"
echo "== server: $(grep -c . "$work/server.log") log lines, $(grep -ci 'error\|exception' "$work/server.log" || true) mentioning errors"
