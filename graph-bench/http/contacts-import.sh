#!/usr/bin/env bash
# A 100k-contact address-book import, end to end over HTTP (E1): builds a fresh network with
# `rapport import --format csv` (MEMBERS members with addresses, random connections), starts the
# server on it, signs one member up, uploads a Google Contacts CSV of CONTACTS rows of which
# MATCHING are members' addresses (the rest strangers, a few repeated), and polls
# GET /api/v1/contacts/imports/{id} until it is done. Prints the upload time, the time to DONE, the
# import's counts and GET /api/v1/contacts (matches first) time. Everything lives in a temporary
# directory that is removed at the end.
#
#   graph-bench/http/contacts-import.sh [contacts=100000] [matching=20000] [members=200000]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
contacts=${1:-100000}
matching=${2:-20000}
members=${3:-200000}
port=${PORT:-18080}
base="http://127.0.0.1:$port"
work=$(mktemp -d)
server_pid=
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

ms() { date +%s%3N; }

echo "== network: $members members, $((members * 5)) random connections"
mkdir -p "$work/net" "$work/data"
awk -v n="$members" 'BEGIN {
  print "externalId,email,firstName,lastName"
  for (i = 1; i <= n; i++) printf "m%d,member%d@bench.rapport.test,Member,Number %d\n", i, i, i
}' > "$work/net/members.csv"
awk -v n="$members" 'BEGIN {
  srand(7); print "a,b"
  for (i = 1; i <= n * 5; i++) { a = 1 + int(rand() * n); b = 1 + int(rand() * n); if (a != b) printf "m%d,m%d\n", a, b }
}' > "$work/net/connections.csv"
export RAPPORT_DATA_DIR="$work/data"
"$root/rapport" import --format csv "$work/net" >/dev/null

echo "== server on $base"
"$root/rapport" serve --port "$port" > "$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 120); do
  curl -sf "$base/actuator/health" >/dev/null 2>&1 && break
  sleep 1
done
curl -sf "$base/actuator/health" >/dev/null || { echo "server did not start"; tail -50 "$work/server.log"; exit 1; }

curl -sf -X POST "$base/api/v1/accounts" -H 'content-type: application/json' \
  -d '{"email":"importer@bench.rapport.test","password":"bench-password-1","firstName":"Iris","lastName":"Importer"}' >/dev/null
token=$(curl -sf -X POST "$base/api/v1/tokens" -H 'content-type: application/json' \
  -d '{"email":"importer@bench.rapport.test","password":"bench-password-1"}' | sed -E 's/.*"token":"([^"]+)".*/\1/')

echo "== address book: $contacts rows, $matching of them members"
awk -v n="$contacts" -v m="$matching" -v members="$members" 'BEGIN {
  srand(11)
  print "Name,Given Name,Additional Name,Family Name,Group Membership,E-mail 1 - Type,E-mail 1 - Value,Phone 1 - Type,Phone 1 - Value"
  for (i = 1; i <= n; i++) {
    if (i <= m) { k = 1 + int(rand() * members); mail = "member" k "@bench.rapport.test" }
    else mail = "Stranger." i "@Example.org"
    printf "Contact %d,Contact,,%d,* myContacts,* Home,%s,Mobile,+44 20 %07d\n", i, i, mail, i
  }
}' > "$work/contacts.csv"
ls -l "$work/contacts.csv" | awk '{printf "file: %.1f MB\n", $5 / 1048576}'

start=$(ms)
id=$(curl -sf -X POST "$base/api/v1/contacts/imports" -H "authorization: Bearer $token" \
  -F "file=@$work/contacts.csv;type=text/csv" | sed -E 's/.*"id":"([^"]+)".*/\1/')
uploaded=$(ms)
while :; do
  status=$(curl -sf "$base/api/v1/contacts/imports/$id" -H "authorization: Bearer $token")
  case "$status" in *'"status":"PROCESSING"'*) sleep 0.1 ;; *) break ;; esac
done
done_at=$(ms)
echo "upload accepted (202) after $((uploaded - start)) ms; import $id finished after $((done_at - start)) ms"
echo "status: $status"

t0=$(ms)
page=$(curl -sf "$base/api/v1/contacts?limit=50" -H "authorization: Bearer $token")
t1=$(ms)
echo "GET /api/v1/contacts?limit=50: $((t1 - t0)) ms, $(echo "$page" | grep -o '"member":{' | wc -l) members on the first page"
