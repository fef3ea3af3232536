#!/usr/bin/env bash
# Issue 5, "Live notifications: 1,000 open SSE streams on one node without extra threads per
# stream". Builds a small feed-data.sh network (MEMBERS, default 20,000: the streams do not depend
# on the network's size; feed.sh runs the same check on its 1M network), starts the server and
# runs sse.py: STREAMS (default 1,000) GET /api/v1/notifications/stream over SSE_MEMBERS (default
# 1,000) members' tokens, live threads and heap (after a full GC) before / at half / all open /
# after closing, then one update by an author all of them follow and its arrival on every stream.
#
#   graph-bench/http/sse.sh
#   STREAMS=2000 SSE_MEMBERS=250 graph-bench/http/sse.sh      # 8 streams per member, the hub's cap
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
export MEMBERS=${MEMBERS:-20000} FEED_SAMPLE=${FEED_SAMPLE:-0} SSE_MEMBERS=${SSE_MEMBERS:-1000}
port=${PORT:-18082}
base="http://127.0.0.1:$port"

source "$here/feed-data.sh"
prepare_work
build_feed_data "$work"
start_server "$port"
echo "== ${STREAMS:-1000} streams over $SSE_MEMBERS members on $base [$(load)]; ulimit -n $(ulimit -n)"
awk -v hi="$SSE_MEMBERS" '$1 >= 1 && $1 <= hi' "$work/tokens.txt" > "$work/sse-tokens.txt"
author=$(awk -v id="$((MEMBERS + 8))" '$1 == id { print $2 }' "$work/tokens.txt")
SERVER_PID=$server_pid python3 "$here/sse.py" "$base" "$work/sse-tokens.txt" "$author" "${STREAMS:-1000}" | sed 's/^/   /'
echo "   [$(load)]"
echo "== server: $(grep -ci 'error\|exception' "$work/server.log" || true) log lines mentioning errors"
