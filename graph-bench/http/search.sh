#!/usr/bin/env bash
# Issue 7 (D1) search benchmarks at MEMBERS members (default 1,000,000): (1) `rapport search
# reindex` of the whole network; (2) GET /api/v1/search/people with a degree filter (2nd, then
# 1st, then none) from wrk, one connection, median and p99; (3) a profile edit made visible in
# search: PATCH /api/v1/me/profile with a new word in the headline, then searches as another member
# until the word finds them, EDITS times (default 30).
#
# Data (everything in a temporary directory removed at the end): `rapport import --format csv` of
# MEMBERS members with a name, headline, location and industry drawn from fixed lists (seeded awk)
# and EDGES random connections each (default 20: about 40 per member); then, with sqlite3, two
# positions (a current and a past one, among 2,000 companies and 30 titles) and three skills (of 80)
# per member; API tokens for the first 1,000 members. The jar is copied first, so editing sources
# while this runs does not make ./rapport rebuild it mid-run.
#
#   graph-bench/http/search.sh
#   MEMBERS=100000 graph-bench/http/search.sh     # a quick try
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
n=${MEMBERS:-1000000} edges=${EDGES:-20} edits=${EDITS:-30} duration=${DURATION:-30s}
port=${PORT:-18087}
base="http://127.0.0.1:$port"
opts=${RAPPORT_JAVA_OPTS:--Xmx4g}
load() { uptime | sed 's/.*load average: /load /'; }

work=$(mktemp -d)
server_pid=
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  [ -n "${SERVER_LOG:-}" ] && cp "$work/server.log" "$SERVER_LOG" 2>/dev/null || true
  [ "${KEEP:-0}" = 1 ] && echo "kept $work" || rm -rf "$work"
}
trap cleanup EXIT

[ -f "$root/server/target/rapport-server.jar" ] || (cd "$root" && ./mvnw -q -B -DskipTests -pl server -am package)
cp "$root/server/target/rapport-server.jar" "$work/rapport-server.jar"
rapport() { RAPPORT_DATA_DIR="$work/data" java $opts -jar "$work/rapport-server.jar" "$@"; }

echo "== data: $n members x $edges random connections [$(load)]"
mkdir -p "$work/net" "$work/data"
t0=$(date +%s)
awk -v n="$n" 'BEGIN {
  srand(11)
  split("Anna James Maria David Sofia Lucas Emma Noah Olivia Liam Mia Ethan Ava Mateo Chloe Leo Zoe Omar Nina Ivan Yara Hugo Lena Amir Sara Tomas Ines Kenji Aiko Ravi Priya Chen Mei Jonas Elif Marta Pablo Clara Felix Rosa", first, " ")
  split("Silva Smith Garcia Muller Rossi Novak Kim Tanaka Patel Cohen Dubois Jensen Costa Moreau Lopez Weber Sato Khan Ali Nguyen Berg Larsen Fischer Romano Ortiz Petrov Ivanova Yilmaz Haddad Mensah Okafor Santos Ferreira Almeida Schmidt Wagner Becker Hoffmann Schulz Koch", last, " ")
  split("Engineer Manager Analyst Director Designer Consultant Nurse Teacher Developer Architect Scientist Accountant Lawyer Recruiter Writer Editor Planner Officer Specialist Coordinator Technician Advisor Researcher Administrator Strategist Auditor Economist Pharmacist Surveyor Buyer", title, " ")
  split("Lisbon Berlin Madrid Oslo Paris Toronto Austin Osaka Porto Munich Vienna Prague Dublin Lyon Milan Warsaw Helsinki Seoul Sydney Denver Boston Chicago Seattle Lagos Nairobi Cairo Delhi Mumbai Lima Bogota", city, " ")
  split("Software Finance Healthcare Education Retail Logistics Energy Media Legal Construction Hospitality Manufacturing Consulting Insurance Telecom Agriculture Biotech Aerospace Automotive Government", ind, " ")
  print "externalId,email,firstName,lastName,headline,location,industry"
  for (i = 1; i <= n; i++) {
    t = title[1 + int(rand() * 30)]
    printf "m%d,member%d@bench.rapport.test,%s,%s %d,%s at Company %d,%s,%s\n", i, i, first[1 + int(rand() * 40)],
      last[1 + int(rand() * 40)], i, t, 1 + int(rand() * 2000), city[1 + int(rand() * 30)], ind[1 + int(rand() * 20)]
  }
}' > "$work/net/members.csv"
awk -v n="$n" -v e="$edges" 'BEGIN { srand(5); print "a,b"
  for (i = 1; i <= n; i++) for (k = 0; k < e; k++) { b = 1 + int(rand() * n); if (b != i) printf "m%d,m%d\n", i, b } }' \
  > "$work/net/connections.csv"
rapport import --format csv "$work/net" > "$work/import.json"
echo "   imported in $(( $(date +%s) - t0 )) s ($(tr -d ' \n' < "$work/import.json" | grep -oE '"(members|connections|seconds)":[0-9.]+' | tr '\n' ' '))"
rm -rf "$work/net"
db="$work/data/rapport.db"
[ -f "$db" ] || db=$(ls "$work"/data/*.db | head -1)

t0=$(date +%s)
awk -v n="$n" 'BEGIN {
  srand(13)
  split("Engineer Manager Analyst Director Designer Consultant Nurse Teacher Developer Architect Scientist Accountant Lawyer Recruiter Writer Editor Planner Officer Specialist Coordinator Technician Advisor Researcher Administrator Strategist Auditor Economist Pharmacist Surveyor Buyer", title, " ")
  for (i = 1; i <= n; i++) {
    c1 = 1 + int(rand() * 2000); c2 = 1 + int(rand() * 2000); y = 2005 + int(rand() * 15)
    printf "%d,0,Company %d,company %d,%s,%d,\n", i, c1, c1, title[1 + int(rand() * 30)], y
    printf "%d,1,Company %d,company %d,%s,%d,%d\n", i, c2, c2, title[1 + int(rand() * 30)], y - 4, y
  }
}' > "$work/positions.csv"
awk -v n="$n" 'BEGIN {
  srand(17)
  split("Java|Python|Kubernetes|Marketing|Design|Sales|Finance|Rust|Go|SQL|Data Analysis|Cloud Computing|Security|Product Management|Research|Accounting|Logistics|Legal Writing|Negotiation|Leadership|Public Speaking|Project Management|Machine Learning|Statistics|Excel|Figma|Photography|Copywriting|SEO|Recruiting|Nursing|Teaching|Welding|Carpentry|Budgeting|Auditing|Tax|Supply Chain|Customer Service|Linux|React|TypeScript|C++|Scala|Kotlin|Swift|Android|iOS|DevOps|Networking|Databases|Spark|Hadoop|Tableau|Power BI|Salesforce|SAP|Six Sigma|Lean|Agile|Scrum|Coaching|Mentoring|Translation|Spanish|German|French|Japanese|Mandarin|Arabic|Economics|Biology|Chemistry|Physics|Mathematics|Robotics|CAD|Architecture|Urban Planning|Journalism", skill, "|")
  for (i = 1; i <= n; i++) {
    a = 1 + int(rand() * 80); b = 1 + (a + int(rand() * 79)) % 80; c = 1 + (b + int(rand() * 79)) % 80
    if (c == a) c = 1 + (c % 80)
    printf "%d,%s,%s,0\n%d,%s,%s,1\n", i, tolower(skill[a]), skill[a], i, tolower(skill[b]), skill[b]
    if (c != a && c != b) printf "%d,%s,%s,2\n", i, tolower(skill[c]), skill[c]
  }
}' > "$work/skills.csv"
sqlite3 "$db" > /dev/null <<SQL
PRAGMA journal_mode = DELETE;
PRAGMA synchronous = OFF;
PRAGMA cache_size = -1000000;
CREATE TEMP TABLE p (member_id, ordinal, company, company_key, title, start_year, end_year);
.import --csv $work/positions.csv p
INSERT INTO member_positions SELECT member_id, ordinal, company, company_key, title, start_year, NULLIF(end_year, '') FROM p;
.import --csv $work/skills.csv member_skills
ANALYZE;
SQL
rm -f "$work/positions.csv" "$work/skills.csv"
echo "   positions and skills written in $(( $(date +%s) - t0 )) s: $(sqlite3 "$db" "SELECT (SELECT count(*) FROM member_positions) || ' positions, ' || (SELECT count(*) FROM member_skills) || ' skills'"); database $(du -sh "$work/data" | cut -f1)"

echo "== (1) rapport search reindex [$(load)]"
t0=$(date +%s%3N)
rapport search reindex > "$work/reindex.json"
echo "   $(tr -d ' \n' < "$work/reindex.json"); the whole command (JVM start, Spring context, build, commit): $(( $(date +%s%3N) - t0 )) ms [$(load)]"
echo "   index on disk: $(du -sh "$work/data/search-index" 2>/dev/null | cut -f1)"

now=$(date +%s%3N)
salt=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
for id in $(seq 1 1000); do echo "$id bench-$id-$salt"; done > "$work/tokens.txt"
while read -r id tok; do
  printf "INSERT INTO api_tokens VALUES ('%s', %d, %d, %d, %d);\n" \
    "$(printf '%s' "$tok" | sha256sum | cut -d' ' -f1)" "$id" "$now" "$now" $((now + 30 * 86400000))
done < "$work/tokens.txt" | { echo "BEGIN;"; cat; echo "COMMIT;"; } | sqlite3 "$db"

RAPPORT_DATA_DIR="$work/data" java $opts -jar "$work/rapport-server.jar" serve --port "$port" > "$work/server.log" 2>&1 &
server_pid=$!
t0=$(date +%s)
for _ in $(seq 1 900); do curl -sf "$base/actuator/health" >/dev/null 2>&1 && break; sleep 1; done
curl -sf "$base/actuator/health" >/dev/null || { echo "server did not start"; tail -50 "$work/server.log"; exit 1; }
echo "== server up in $(( $(date +%s) - t0 )) s (index rebuilt at start-up: $(grep -ci 'rebuil' "$work/server.log" || true) log lines mention it)"
tok1=$(sed -n 1p "$work/tokens.txt" | cut -d' ' -f2)
echo "   sample: member 1 searching 'java' 2nd degree: $(curl -sf -H "Authorization: Bearer $tok1" "$base/api/v1/search/people?q=java&degree=2&limit=10" | grep -oE '"total":[0-9]+')"

echo "== (2) GET /api/v1/search/people?q=<word>&degree=..., wrk -t1 -c1, $duration after a 10 s warm-up"
for degree in 2 1 any; do
  wrk -t1 -c1 -d10s -s "$here/search.lua" "$base" -- "$work/tokens.txt" "$degree" > /dev/null 2>"$work/warm.err"
  echo "-- degree=$degree [$(load)]"
  wrk -t1 -c1 -d"$duration" --latency -s "$here/search.lua" "$base" -- "$work/tokens.txt" "$degree" 2>"$work/wrk.err" \
    | grep -E "Latency|50%|75%|90%|99%|requests in|Requests/sec|Non-2xx" | sed 's/^/   /'
  echo "   unexpected statuses: $(grep -c unexpected "$work/wrk.err" || true)"
done

echo "== (3) profile edit -> visible in search, $edits times [$(load)]"
tok2=$(sed -n 2p "$work/tokens.txt" | cut -d' ' -f2)
: > "$work/visible.txt"
for i in $(seq 1 "$edits"); do
  word="zq$(head -c 6 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  t0=$(date +%s%N)
  curl -sf -o /dev/null -X PATCH -H "Authorization: Bearer $tok1" -H 'Content-Type: application/json' \
    -d "{\"headline\":\"Engineer $word\"}" "$base/api/v1/me/profile"
  t1=$(date +%s%N)
  polls=0
  until curl -sf -H "Authorization: Bearer $tok2" "$base/api/v1/search/people?q=$word&limit=1" | grep -q '"total":1'; do
    polls=$((polls + 1)); [ $polls -gt 2000 ] && { echo "   not visible after 2000 searches"; break; }
  done
  t2=$(date +%s%N)
  echo "$(( (t1 - t0) / 1000 )) $(( (t2 - t0) / 1000 )) $polls" >> "$work/visible.txt"
done
sort -n -k2 "$work/visible.txt" | awk '{ patch[NR] = $1; vis[NR] = $2; polls += $3 } END {
  n = NR; asort(patch)
  printf "   edit -> visible (PATCH sent to the first search that finds it): median %.1f ms, max %.1f ms; PATCH alone median %.1f ms; searches that missed: %d of %d edits\n",
    vis[int((n + 1) / 2)] / 1000, vis[n] / 1000, patch[int((n + 1) / 2)] / 1000, polls, n }'
echo "== server log: $(grep -c ' ERROR ' "$work/server.log" || true) ERROR lines [$(load)]"
