#!/usr/bin/env bash
# Issue 5, "Performance": the feed and the cost of posting, end to end over HTTP on loopback.
# Builds the data set of feed-data.sh in a temporary directory (MEMBERS members, default 1M, with
# 20 updates each; a reader M with 1,000 connections and 200 follows; authors with 10 .. 50,000
# followers), starts the server on it and measures with wrk and curl:
#   (a) GET /api/v1/feed?limit=20 as M, first page and second page (cursor): one client, DURATION;
#   (b) POST /api/v1/posts by authors with 10, 1,000, 4,000 (fan-out on write) and 10,000,
#       50,000 followers (past the 5,000 threshold: fan-out on read), POSTS_PER_AUTHOR each, in turn;
#   (c) GET /api/v1/feed?limit=20 as M2 (M's shape plus following the two large authors, whose
#       updates are merged in on read);
#   (d) unless SSE=0, sse.py: 1,000 live notification streams on the same server.
# The load average is printed beside every figure. Everything is removed at the end (KEEP=1 keeps it).
#
#   graph-bench/http/feed.sh                     # 1M members: ~20 min on a busy 2-core machine
#   MEMBERS=100000 graph-bench/http/feed.sh      # a quick try
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
n=${MEMBERS:-1000000}
port=${PORT:-18081}
duration=${DURATION:-30s}
per_author=${POSTS_PER_AUTHOR:-30}
base="http://127.0.0.1:$port"
export RAPPORT_JAVA_OPTS=${RAPPORT_JAVA_OPTS:--Xmx3g}

source "$here/feed-data.sh"
prepare_work
build_feed_data "$work"
tok() { awk -v id="$1" '$1 == id { print $2 }' "$work/tokens.txt"; }
M=$((n + 1)); M2=$((n + 2))

echo "== server on $base ($RAPPORT_JAVA_OPTS)"
t0=$(date +%s)
start_server "$port"
echo "   up in $(( $(date +%s) - t0 )) s; $(load)"

page() { # token, query -> wrk at one connection, then 4
  local token=$1 query=$2
  wrk -t1 -c1 -d10s -s "$here/feed.lua" "$base" -- "$token" "$query" >/dev/null 2>&1
  echo "   [$(load)] 1 connection, $duration:"
  wrk -t1 -c1 -d"$duration" --latency -s "$here/feed.lua" "$base" -- "$token" "$query" 2>&1 \
    | grep -E 'Latency|50%|75%|90%|99%|requests in|Requests/sec|Non-2xx' | sed 's/^/     /'
  echo "   [$(load)] 4 connections, $duration:"
  wrk -t2 -c4 -d"$duration" --latency -s "$here/feed.lua" "$base" -- "$token" "$query" 2>&1 \
    | grep -E '50%|90%|99%|Requests/sec|Non-2xx' | sed 's/^/     /'
}
cursor_of() { # token -> URL-encoded nextCursor of the first page
  curl -sf "$base/api/v1/feed?limit=20" -H "authorization: Bearer $1" \
    | python3 -c 'import json,sys,urllib.parse; print(urllib.parse.quote(json.load(sys.stdin)["nextCursor"], safe=""))'
}

first=$(curl -sf "$base/api/v1/feed?limit=20" -H "authorization: Bearer $(tok $M)")
echo "== (a) feed of M ($M): first page has $(echo "$first" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["items"]))') items"
page "$(tok $M)" "limit=20"
echo "== (a) feed of M, second page (cursor)"
page "$(tok $M)" "limit=20&cursor=$(cursor_of "$(tok $M)")"

echo "== (c) feed of M2 ($M2): fan-out on write for 1,200 followed members, merge on read of 2 large authors"
page "$(tok $M2)" "limit=20"
echo "== (c) feed of M2, second page (cursor)"
page "$(tok $M2)" "limit=20&cursor=$(cursor_of "$(tok $M2)")"

echo "== (b) POST /api/v1/posts, $per_author updates per author in turn (ms: median p90 max; reach)"
for spec in "10:$((n + 3))" "1000:$((n + 4))" "4000:$((n + 5))" "10000:$((n + 6))" "50000:$((n + 7))"; do
  followers=${spec%%:*}; author=${spec##*:}; token=$(tok "$author")
  for i in $(seq 1 "$per_author"); do
    out=$(curl -s -o "$work/post.json" -w '%{http_code} %{time_total}' -X POST "$base/api/v1/posts" \
      -H "authorization: Bearer $token" -H 'content-type: application/json' -d "{\"text\":\"Bench update $i\"}")
    [ "${out%% *}" = 201 ] || { echo "POST answered $out: $(cat "$work/post.json")" >&2; exit 1; }
    echo "${out##* }"
  done | sort -n | awk -v f="$followers" -v la="$(load)" '
    { t[NR] = $1 * 1000 }
    END { printf "   %6d followers: median %7.1f  p90 %7.1f  max %7.1f  (%d posts) [%s]\n",
          f, t[int((NR + 1) / 2)], t[int(NR * 0.9 + 0.5)], t[NR], NR, la }'
  echo "          reach of the last one: $(sed -E 's/.*"reach":([0-9]+).*/\1/' "$work/post.json")"
done

echo "== feed of M again after the posts (M follows none of these authors) [$(load)]"
page "$(tok $M)" "limit=20"

if [ "${SSE:-1}" != 0 ]; then
  echo "== (d) live notifications: ${STREAMS:-1000} streams [$(load)]"
  awk -v lo=1 -v hi="${SSE_MEMBERS:-1000}" '$1 >= lo && $1 <= hi' "$work/tokens.txt" > "$work/sse-tokens.txt"
  SERVER_PID=$server_pid python3 "$here/sse.py" "$base" "$work/sse-tokens.txt" "$(tok $((n + 8)))" "${STREAMS:-1000}" | sed 's/^/   /'
  echo "   [$(load)]; ulimit -n $(ulimit -n)"
fi
echo "== server: $(grep -c . "$work/server.log") log lines, $(grep -ci 'error\|exception' "$work/server.log" || true) mentioning errors"
