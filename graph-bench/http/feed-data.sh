#!/usr/bin/env bash
# Builds the issue-5 feed data set in "$1" (a directory; data/ holds the SQLite database,
# tokens.txt the bearer tokens): sourced by feed.sh and sse.sh, not run on its own.
#
# Members m1..mN (MEMBERS, default 1,000,000) with EDGES random connections each (default 20:
# about 40 connections per member on average), imported with `rapport import --format csv`; then,
# with the server stopped, plain SQL through sqlite3:
#   - eight special members after mN, without random connections:
#       M   = N+1  the measured reader: 1,000 connections (in the import) and 200 follows
#       M2  = N+2  the same shape, and also following the two large authors (merge on read)
#       A10, A1k, A4k = N+3..N+5   authors with 10, 1,000, 4,000 followers (fan-out on write)
#       A10k, A50k    = N+6, N+7   authors with 10,000 and 50,000 followers (past the threshold)
#       S   = N+8  the author the SSE_MEMBERS stream holders follow
#     followers are `follows` rows from m1, m2, ... (the authors have no connections, so the rows
#     never contradict the graph);
#   - POSTS updates per member (default 20; every member exactly that many), every fifth shared
#     with CONNECTIONS only, times spread over the last 30 days; fanned_out = FALSE for A10k/A50k;
#   - feed_items as fan-out on write would have written them, for M, M2 and the first FEED_SAMPLE
#     ordinary members (default 2,000) only: all 1M members' feeds would be ~800M rows;
#   - an API token for M, M2, the authors and m1..mSSE_MEMBERS, inserted as its SHA-256 digest.
set -euo pipefail

# The temporary directory $work, removed at exit together with the server start_server started
# (KEEP=1 keeps the directory; SERVER_LOG=path keeps a copy of the server's log).
prepare_work() {
  work=$(mktemp -d)
  server_pid=
  trap cleanup_work EXIT
}
cleanup_work() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  [ -n "${SERVER_LOG:-}" ] && cp "$work/server.log" "$SERVER_LOG" 2>/dev/null || true
  [ "${KEEP:-0}" = 1 ] && echo "kept $work" || rm -rf "$work"
}
load() { uptime | sed 's/.*load average: /load /'; }

# Starts `rapport serve` on $work/data at port $1 and waits (up to 10 minutes) until it is healthy.
start_server() {
  local port=$1 root
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
  RAPPORT_DATA_DIR="$work/data" "$root/rapport" serve --port "$port" > "$work/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 600); do
    curl -sf "http://127.0.0.1:$port/actuator/health" >/dev/null 2>&1 && return 0
    sleep 1
  done
  echo "server did not start"; tail -50 "$work/server.log"; exit 1
}

build_feed_data() {
  local work=$1 n=${MEMBERS:-1000000} edges=${EDGES:-20} posts=${POSTS:-20}
  local sample=${FEED_SAMPLE:-2000} sse=${SSE_MEMBERS:-1000}
  local root; root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
  mkdir -p "$work/net" "$work/data"
  local t0; t0=$(date +%s)
  echo "== data: $n members x $edges random connections, $posts updates each (uptime:$(uptime | sed 's/.*average//'))"
  awk -v n="$n" 'BEGIN {
    print "externalId,email,firstName,lastName"
    for (i = 1; i <= n + 8; i++) printf "m%d,member%d@bench.rapport.test,Member,Number %d\n", i, i, i
  }' > "$work/net/members.csv"
  # Random pairs among m1..mN; then M and M2 each connect to 1,000 distinct even-numbered members
  # (their follows go to odd-numbered ones, so a follow row never duplicates a connection).
  awk -v n="$n" -v e="$edges" 'BEGIN {
    srand(5); print "a,b"
    for (i = 1; i <= n; i++) for (k = 0; k < e; k++) { b = 1 + int(rand() * n); if (b != i) printf "m%d,m%d\n", i, b }
    half = int((n - 200) / 2)
    for (k = 0; k < 1000; k++) {
      printf "m%d,m%d\n", n + 1, 200 + 2 * ((k * 7919) % half)
      printf "m%d,m%d\n", n + 2, 200 + 2 * ((k * 7927 + 1) % half)
    }
  }' > "$work/net/connections.csv"
  RAPPORT_DATA_DIR="$work/data" "$root/rapport" import --format csv "$work/net" > "$work/import.json"
  echo "   imported in $(( $(date +%s) - t0 )) s ($(tr -d ' \n' < "$work/import.json" | grep -oE '"(members|connections|seconds)":[0-9.]+' | tr '\n' ' '))"
  rm -rf "$work/net"

  local db="$work/data/rapport.db"
  [ -f "$db" ] || db=$(ls "$work"/data/*.db | head -1)
  local bad; bad=$(sqlite3 "$db" "SELECT count(*) FROM members WHERE external_id <> 'm' || id")
  [ "$bad" = 0 ] || { echo "member ids do not follow external ids ($bad differ)"; return 1; }

  local now; now=$(date +%s%3N)
  t0=$(date +%s)
  sqlite3 "$db" > /dev/null <<SQL
PRAGMA journal_mode = DELETE;
PRAGMA synchronous = OFF;
PRAGMA cache_size = -1000000;
PRAGMA temp_store = MEMORY;
BEGIN;
-- follows: M and M2 follow 200 odd-numbered members each; M2 also follows A10k and A50k;
-- the authors' followers are m1.. (rows only: the authors have no connections).
WITH RECURSIVE k(x) AS (SELECT 0 UNION ALL SELECT x + 1 FROM k WHERE x < 199)
INSERT INTO follows (follower_id, followee_id, created_at)
SELECT $n + 1, 201 + 2 * ((x * 104729) % (($n - 200) / 2)), $now FROM k
UNION ALL SELECT $n + 2, 201 + 2 * ((x * 104723 + 3) % (($n - 200) / 2)), $now FROM k;
INSERT INTO follows VALUES ($n + 2, $n + 6, $now), ($n + 2, $n + 7, $now);
WITH RECURSIVE f(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM f WHERE x < 50000),
     a(id, c) AS (VALUES ($n + 3, 10), ($n + 4, 1000), ($n + 5, 4000), ($n + 6, 10000), ($n + 7, 50000), ($n + 8, $sse))
INSERT INTO follows (follower_id, followee_id, created_at)
SELECT f.x, a.id, $now FROM a JOIN f ON f.x <= min(a.c, $n) AND f.x <> $n + 2;

-- POSTS updates per member, in author order (posts_author grows at its end).
WITH RECURSIVE j(x) AS (SELECT 0 UNION ALL SELECT x + 1 FROM j WHERE x < $posts - 1)
INSERT INTO posts (author_id, body, visibility, fanned_out, reach, created_at)
SELECT m.id, 'Update ' || j.x || ' by member ' || m.id || ': a few words about work, a link, a thought.',
       CASE WHEN j.x % 5 = 4 THEN 'CONNECTIONS' ELSE 'ANYONE' END,
       m.id NOT IN ($n + 6, $n + 7), 0,
       $now - 1000 - ((m.id * 2654435761 + j.x * 40503 + m.id * j.x * 97) % 2592000000)
FROM members m CROSS JOIN j ORDER BY m.id, j.x;

-- feed_items as fan-out on write leaves them: for each reader, the updates of connections (any
-- visibility), of members followed without a connection (ANYONE only) and their own; never the
-- large authors' (they are merged in on read).
CREATE TEMP TABLE readers (id INTEGER PRIMARY KEY);
INSERT INTO readers VALUES ($n + 1), ($n + 2);
WITH RECURSIVE s(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM s WHERE x < min($sample, $n))
INSERT INTO readers SELECT x FROM s WHERE x <= $sample;
CREATE TEMP TABLE followed (reader INTEGER, author INTEGER, everything INTEGER);
INSERT INTO followed SELECT r.id, c.member_hi, 1 FROM readers r JOIN connections c ON c.member_lo = r.id;
INSERT INTO followed SELECT r.id, c.member_lo, 1 FROM readers r JOIN connections c ON c.member_hi = r.id;
INSERT INTO followed SELECT r.id, f.followee_id, 0 FROM readers r JOIN follows f ON f.follower_id = r.id
  WHERE f.followee_id NOT IN ($n + 6, $n + 7);
INSERT INTO followed SELECT id, id, 1 FROM readers;
INSERT OR IGNORE INTO feed_items (member_id, post_id, author_id, created_at)
SELECT f.reader, p.id, p.author_id, p.created_at FROM followed f JOIN posts p ON p.author_id = f.author
WHERE f.everything = 1 OR p.visibility = 'ANYONE'
ORDER BY f.reader, p.created_at, p.id;
COMMIT;
ANALYZE;
SQL
  echo "   follows, posts, feed_items written in $(( $(date +%s) - t0 )) s:" \
    "$(sqlite3 "$db" "SELECT (SELECT count(*) FROM follows) || ' follows, ' || (SELECT max(id) FROM posts) || ' posts, '
       || (SELECT count(*) FROM feed_items) || ' feed_items (' || (SELECT count(*) FROM feed_items WHERE member_id = $n + 1)
       || ' of them M''s)'")"

  # Tokens: "bench-<member id>" plus 24 random hex digits; stored as the hex SHA-256 like AccountService.
  local salt; salt=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
  { for id in $(seq $((n + 1)) $((n + 8))) $(seq 1 "$sse"); do echo "$id bench-$id-$salt"; done; } > "$work/tokens.txt"
  while read -r id tok; do
    printf "INSERT INTO api_tokens VALUES ('%s', %d, %d, %d, %d);\n" \
      "$(printf '%s' "$tok" | sha256sum | cut -d' ' -f1)" "$id" "$now" "$now" $((now + 30 * 86400000))
  done < "$work/tokens.txt" | { echo "BEGIN;"; cat; echo "COMMIT;"; } | sqlite3 "$db"
  echo "   $(wc -l < "$work/tokens.txt") tokens; database $(du -sh "$work/data" | cut -f1)"
}
