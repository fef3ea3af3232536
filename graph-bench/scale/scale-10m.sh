#!/usr/bin/env bash
# Issue 9, "size on one node": bulk-load MEMBERS members × DEGREE connections (default 10M × 60,
# about 300M connections) into PostgreSQL, then start the server twice on it: once loading the
# graph from the database (it then writes its snapshot), once from that snapshot, and probe the
# latency of the degree/mutual badge, the mutual list and People You May Know over HTTP.
#
#   graph-bench/scale/scale-10m.sh                       # everything (about an hour on 2 busy cores)
#   STEP=serve graph-bench/scale/scale-10m.sh            # skip generation and import
#   MEMBERS=1000000 DEGREE=40 DB=scale1m graph-bench/scale/scale-10m.sh   # a quick try
#
# The people-search index is not opened at start-up (SEARCH_AT_START=true to include it): building
# it for 10M members is a cost of its own, paid once, and not what this measures.
#
# Needs: the built jars (./mvnw -q -o package -DskipTests), PostgreSQL on 127.0.0.1:5432 (trust),
# psql, wrk, about 40 GB of disk for 10M × 60 and 24 GB of RAM. Data goes to $WORK (default
# /tmp/scale10m), never into the repository. Runs everything under `nice`.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
members=${MEMBERS:-10000000}
degree=${DEGREE:-60}
db=${DB:-scale10m}
work=${WORK:-/tmp/scale10m}
heap=${HEAP:-12g}
port=${PORT:-18090}
step=${STEP:-all}
url="jdbc:postgresql://127.0.0.1:5432/$db?user=postgres"
jar="$root/server/target/rapport-server.jar"
mkdir -p "$work/data"
stamp() { echo "[$(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)] $*"; }

if [ "$step" = all ]; then
  stamp "generate $members × $degree"
  nice -n 10 java -Xmx6g -cp "$root/graph-bench/target/benchmarks.jar" org.rapport.bench.generate.WriteEdgeList \
    --members "$members" --degree "$degree" --out "$work/edges.txt"
  stamp "import into $db"
  psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
  nice -n 10 java -Xmx14g -jar "$jar" import --no-progress --format snap "$work/edges.txt" --db "$url" > "$work/import.json"
  cat "$work/import.json"; echo
fi

serve() {   # $1: label
  stamp "start ($1)"
  local t0; t0=$(date +%s%N)
  RAPPORT_SEARCH_OPENATSTARTUP=${SEARCH_AT_START:-false} \
  nice -n 5 java -Xmx"$heap" -Xms"$heap" -XX:+UseG1GC -jar "$jar" serve --port "$port" --db "$url" \
    --data-dir "$work/data" > "$work/server-$1.log" 2>&1 &
  server_pid=$!
  until curl -sf "http://127.0.0.1:$port/actuator/health" > /dev/null; do
    kill -0 "$server_pid" || { tail -30 "$work/server-$1.log"; exit 1; }
    sleep 0.5
  done
  stamp "healthy after $(( ($(date +%s%N) - t0) / 1000000 )) ms; $(grep -o 'Connection graph loaded.*' "$work/server-$1.log")"
}
memory() {
  jcmd "$server_pid" GC.run > /dev/null 2>&1 || true
  sleep 2
  echo "heap used after a full GC $(curl -sf "http://127.0.0.1:$port/actuator/prometheus" \
    | awk '/^jvm_memory_used_bytes\{.*area="heap"/ {s += $NF} END {printf "%.0f", s / 1048576}') MiB," \
    "resident $(ps -o rss= -p "$server_pid" | awk '{printf "%.0f", $1 / 1024}') MiB"
}
stop() {
  stamp "stop (SIGTERM: a clean shutdown writes the snapshot if the graph moved)"
  kill -TERM "$server_pid"; wait "$server_pid" || true
}

# 1. From the database (no snapshot yet); the follower then writes the first snapshot.
rm -f "$work/data/graph.snapshot"
serve database
until grep -q 'Graph snapshot written' "$work/server-database.log"; do sleep 2; done
stamp "$(grep -o 'Graph snapshot written.*' "$work/server-database.log")"
stamp "memory: $(memory)"
stop

# 2. From the snapshot, then the probes.
serve snapshot
stamp "memory: $(memory)"
salt=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
now=$(( $(date +%s) * 1000 ))
for id in $(seq 1 500); do echo "$(( (id * 7919) % members + 1 )) scale-$id-$salt"; done > "$work/tokens.txt"
while read -r id tok; do
  printf "INSERT INTO api_tokens VALUES ('%s', %d, %d, %d, %d) ON CONFLICT DO NOTHING;\n" \
    "$(printf '%s' "$tok" | sha256sum | cut -d' ' -f1)" "$id" "$now" "$now" $((now + 86400000))
done < "$work/tokens.txt" | psql -h 127.0.0.1 -U postgres -d "$db" -q
for kind in member mutual suggest; do
  wrk -t1 -c1 -d5s -s "$root/graph-bench/scale/probe.lua" "http://127.0.0.1:$port" -- "$work/tokens.txt" "$members" "$kind" > /dev/null 2>&1
  stamp "probe $kind (one connection, 20 s)"
  wrk -t1 -c1 -d20s --latency -s "$root/graph-bench/scale/probe.lua" "http://127.0.0.1:$port" \
    -- "$work/tokens.txt" "$members" "$kind" 2> "$work/wrk-$kind.err" | sed 's/^/   /'
  echo "   server errors: $(grep -c 'server error' "$work/wrk-$kind.err" || true)"
done
stamp "memory after the probes: $(memory)"
stop
ls -l "$work/data/graph.snapshot"
