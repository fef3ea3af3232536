#!/usr/bin/env bash
# Issue 8, suite 3 (load): a mixed workload (load.lua) against a server holding a network of
# MEMBERS members (default 1,000,000, about 40 connections each, 20 updates each; the data set of
# feed-data.sh), from wrk on the same machine for DURATION (default 60s) after a 15 s warm-up:
# throughput, latency percentiles, server errors (5xx) and the server's heap and resident memory
# before and after, to see that memory stays steady.
#
#   graph-bench/http/load.sh
#   MEMBERS=100000 DURATION=30s graph-bench/http/load.sh     # a quick try
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
export MEMBERS=${MEMBERS:-1000000} SSE_MEMBERS=${SSE_MEMBERS:-1000}
duration=${DURATION:-60s}
connections=${CONNECTIONS:-8}
port=${PORT:-18083}
base="http://127.0.0.1:$port"
memory() {
  local heap rss
  jcmd "$server_pid" GC.run >/dev/null 2>&1 || true
  heap=$(curl -sf "$base/actuator/prometheus" | awk '/^jvm_memory_used_bytes\{.*area="heap"/ {s += $NF} END {printf "%.0f", s / 1048576}')
  rss=$(ps -o rss= -p "$server_pid" | awk '{printf "%.0f", $1 / 1024}')
  echo "heap used after a full GC ${heap} MiB, resident ${rss} MiB"
}

source "$here/feed-data.sh"
prepare_work
build_feed_data "$work"
start_server "$port"
server_pid=$(pgrep -f "rapport-server.jar.*--port $port" | head -1 || echo "$server_pid")
awk -v hi="$SSE_MEMBERS" '$1 >= 1 && $1 <= hi' "$work/tokens.txt" > "$work/load-tokens.txt"
echo "== $(wc -l < "$work/load-tokens.txt") members calling, wrk -t2 -c$connections on $base [$(load)]"
echo "   before: $(memory)"
wrk -t2 -c"$connections" -d15s -s "$here/load.lua" "$base" -- "$work/load-tokens.txt" "$MEMBERS" >/dev/null 2>"$work/warm.err"
echo "   after warm-up: $(memory)"
wrk -t2 -c"$connections" -d"$duration" --latency -s "$here/load.lua" "$base" -- "$work/load-tokens.txt" "$MEMBERS" \
  2>"$work/wrk.err" | sed 's/^/   /'
echo "   server errors (5xx): $(grep -c 'server error' "$work/wrk.err" || true) (warm-up: $(grep -c 'server error' "$work/warm.err" || true))"
echo "   after the run: $(memory) [$(load)]"
echo "== server log: $(grep -c ' ERROR ' "$work/server.log" || true) ERROR lines"
