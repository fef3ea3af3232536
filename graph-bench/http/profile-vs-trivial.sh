#!/usr/bin/env bash
# Server cost around the engine, measured honestly (issue 21): every endpoint is warmed first, then
# timed in ROUNDS rounds whose order rotates (so none is always first, or always last on a warmer
# JIT), with the load average recorded beside each run. Prints each run, then per endpoint the
# median requests/s and p50 over the rounds, and each endpoint's median throughput as a share of
# the trivial endpoint's and of the profile JSON's. wrk from Debian (apt-get install wrk).
#
#   ./rapport serve --demo &            # or any populated database
#   graph-bench/http/profile-vs-trivial.sh [base-url] [email] [password] [duration] [connections] [rounds]
#
# Endpoints: trivial = GET /api/v1/tokens/current (authentication only); profile-json =
# GET /api/v1/members/{id}; profile-page = GET /members/{id} (HTML, session cookie);
# suggestions = GET /api/v1/suggestions; home = GET / and network = GET /network (HTML).
# Random ids 1..MAX_MEMBER_ID (default: the members count from GET /api/v1/me/network's owner
# side cannot tell, so 3000, the demo network's size).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
base=${1:-http://localhost:8080}
email=${2:-demo@rapport.test}
password=${3:-rapport-demo}
duration=${4:-10s}
connections=${5:-16}
rounds=${6:-5}
max=${MAX_MEMBER_ID:-3000}

token=$(curl -sf -X POST "$base/api/v1/tokens" -H 'content-type: application/json' \
  -d "{\"email\":\"$email\",\"password\":\"$password\"}" | sed -E 's/.*"token":"([^"]+)".*/\1/')
jar=$(mktemp)
trap 'rm -f "$jar"' EXIT
csrf=$(curl -sf -c "$jar" "$base/signin" | sed -nE 's/.*name="_csrf" value="([^"]+)".*/\1/p' | head -1)
curl -sf -b "$jar" -c "$jar" -o /dev/null -X POST "$base/signin" \
  --data-urlencode "email=$email" --data-urlencode "password=$password" --data-urlencode "_csrf=$csrf"
cookie=$(awk '$6=="JSESSIONID"{print "JSESSIONID="$7}' "$jar")
[ -n "$cookie" ] || { echo "could not sign in to the pages as $email" >&2; exit 1; }

names=(${ENDPOINTS:-trivial profile-json profile-page suggestions home network})
declare -A paths=([trivial]=/api/v1/tokens/current [profile-json]='/api/v1/members/{id}'
  [profile-page]='/members/{id}' [suggestions]=/api/v1/suggestions [home]=/ [network]=/network)

run() { # name duration -> "req/s p50-ms"
  local out
  local path=${paths[$1]} auth=("$token" "")
  if [[ $path != /api/* ]]; then auth=(- "$cookie"); fi   # pages: the session cookie; the API: the token
  out=$(wrk -t2 -c"$connections" -d"$2" --latency -s "$here/endpoint.lua" "$base" -- \
    "$path" "$max" "${auth[@]}" 2>&1)
  local rps p50 bad
  bad=$(echo "$out" | grep -c "unexpected status" || true)
  if [ "$bad" -gt 0 ]; then
    echo "$1: $bad responses were not 200 ($(echo "$out" | grep "unexpected status" | sort | uniq -c | head -3 | tr -s ' ' | tr '\n' ';'))" >&2
  fi
  rps=$(echo "$out" | awk '/Requests\/sec/{print $2}')
  p50=$(echo "$out" | awk '$1=="50%"{v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; print v}')
  echo "$rps $p50"
}

echo "server $base, ids 1..$max, wrk -t2 -c$connections -d$duration, $rounds rounds, $(nproc) cores, $(date -u +%FT%TZ)"
echo "== warm-up: every endpoint 10 s"
for n in "${names[@]}"; do run "$n" 10s >/dev/null; done
results=$(mktemp)
for ((r = 0; r < rounds; r++)); do
  for ((i = 0; i < ${#names[@]}; i++)); do
    n=${names[$(((i + r) % ${#names[@]}))]}
    load=$(cut -d' ' -f1 /proc/loadavg)
    read -r rps p50 < <(run "$n" "$duration")
    printf 'round %d %-13s %10s req/s  p50 %8s ms  load %s\n' "$r" "$n" "$rps" "$p50" "$load"
    echo "$n $rps $p50 $load" >> "$results"
  done
done
echo "== medians over $rounds rounds"
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
declare -A med
for n in "${names[@]}"; do
  med[$n]=$(awk -v n="$n" '$1==n{print $2}' "$results" | median)
  p=$(awk -v n="$n" '$1==n{print $3}' "$results" | median)
  printf '%-13s %10.0f req/s  p50 %6.2f ms\n' "$n" "${med[$n]}" "$p"
done
awk -v t="${med[trivial]:-0}" -v j="${med[profile-json]:-0}" -v pg="${med[profile-page]:-0}" -v s="${med[suggestions]:-0}" 'BEGIN {
  if (t > 0 && j > 0) printf "profile JSON / trivial:      %5.1f%% (goal >= 70%%)\n", 100 * j / t
  if (j > 0 && pg > 0) printf "profile page / profile JSON: %5.1f%% (goal >= 50%%)\n", 100 * pg / j
  if (j > 0 && s > 0) printf "suggestions / profile JSON:  %5.1f%% (goal >= 30%%)\n", 100 * s / j }'
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
rm -f "$results"
