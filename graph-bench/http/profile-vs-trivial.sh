#!/usr/bin/env bash
# End-to-end over HTTP on loopback: GET /api/v1/members/{id} (profile with degree and mutual count,
# random members) against GET /api/v1/tokens/current (authentication only) on the same running
# server, with wrk from Debian (apt-get install wrk). Prints both and the ratio.
#
#   ./rapport serve --demo &            # or any populated database
#   graph-bench/http/profile-vs-trivial.sh [base-url] [email] [password] [duration] [connections]
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
base=${1:-http://localhost:8080}
email=${2:-demo@rapport.test}
password=${3:-rapport-demo}
duration=${4:-30s}
connections=${5:-16}

token=$(curl -sf -X POST "$base/api/v1/tokens" -H 'content-type: application/json' \
  -d "{\"email\":\"$email\",\"password\":\"$password\"}" | sed -E 's/.*"token":"([^"]+)".*/\1/')
max=$(curl -sf "$base/api/v1/me" -H "authorization: Bearer $token" >/dev/null && \
  curl -sf "$base/actuator/prometheus" | awk '/^rapport_graph_members /{print int($2)}')
max=${MAX_MEMBER_ID:-$max}
echo "server $base, members with connections: $max, wrk -t2 -c$connections -d$duration"

run() {
  wrk -t2 -c"$connections" -d"$duration" --latency -s "$here/$1" "$base" -- "$token" "$max" 2>&1
}
echo "== warm-up"; wrk -t2 -c"$connections" -d10s -s "$here/members.lua" "$base" -- "$token" "$max" >/dev/null 2>&1
echo "== trivial: GET /api/v1/tokens/current"; trivial=$(run trivial.lua); echo "$trivial"
echo "== profile: GET /api/v1/members/{id}"; profile=$(run members.lua); echo "$profile"
t=$(echo "$trivial" | awk '/Requests\/sec/{print $2}')
p=$(echo "$profile" | awk '/Requests\/sec/{print $2}')
awk -v t="$t" -v p="$p" 'BEGIN { printf "profile / trivial throughput: %.1f%%\n", 100 * p / t }'
