#!/usr/bin/env bash
# Issue 6, "message send -> delivery latency on loopback with 1,000 open streams". Builds a small
# feed-data.sh network (MEMBERS, default 20,000), starts the server, opens one notification
# stream for each of members 1..SSE_MEMBERS (default 1,000) and has messages.py send MESSAGES
# (default 200) messages, one at a time, between connected members among them, timing each
# from the send to its arrival on the recipient's stream.
#
#   graph-bench/http/messages.sh
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
export MEMBERS=${MEMBERS:-20000} FEED_SAMPLE=${FEED_SAMPLE:-0} SSE_MEMBERS=${SSE_MEMBERS:-1000}
port=${PORT:-18084}
base="http://127.0.0.1:$port"

source "$here/feed-data.sh"
prepare_work
build_feed_data "$work"
db="$work/data/rapport.db"
sqlite3 "$db" "SELECT member_lo, member_hi FROM connections WHERE member_hi <= $SSE_MEMBERS ORDER BY member_lo, member_hi" \
  | tr '|' ' ' > "$work/pairs.txt"
awk -v hi="$SSE_MEMBERS" '$1 >= 1 && $1 <= hi' "$work/tokens.txt" > "$work/stream-tokens.txt"
start_server "$port"
echo "== $SSE_MEMBERS streams, ${MESSAGES:-200} messages between $(wc -l < "$work/pairs.txt") connected pairs on $base [$(load)]"
python3 "$here/messages.py" "$base" "$work/stream-tokens.txt" "$work/pairs.txt" "$SSE_MEMBERS" "${MESSAGES:-200}" | sed 's/^/   /'
echo "   [$(load)]"
echo "== server: $(grep -c ' ERROR ' "$work/server.log" || true) ERROR lines"
