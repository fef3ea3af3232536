#!/usr/bin/env bash
# Issue 9: how many graph-changing commits per second the change log's serialization allows. Every
# graph-changing transaction ends with the same tail (take the next position from the one-row
# graph_log_head, insert the entry, pg_notify, commit), and the row lock makes those tails run one
# at a time across all nodes: this measures that tail alone with pgbench, against the same tail
# with an identity column (no serialization, but not in commit order), on the local PostgreSQL.
#
#   graph-bench/scale/log-append.sh            # 8 clients, 15 s each
set -euo pipefail
db=${DB:-log_append_bench}
clients=${CLIENTS:-8}
seconds=${SECONDS_EACH:-15}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
work=$(mktemp -d)
psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
psql -h 127.0.0.1 -U postgres -d "$db" -q -f "$root/server/src/main/resources/db/migration/V12__graph_change_log.sql"
psql -h 127.0.0.1 -U postgres -d "$db" -qc "CREATE TABLE identity_changes (position BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind TEXT NOT NULL, member_a BIGINT NOT NULL, member_b BIGINT NOT NULL, node_id TEXT NOT NULL, created_at BIGINT NOT NULL)"
cat > "$work/ordered.sql" <<'SQL'
\set a random(1, 1000000)
BEGIN;
UPDATE graph_log_head SET position = position + 1 WHERE id = 1 RETURNING position AS pos \gset
INSERT INTO graph_changes (position, kind, member_a, member_b, node_id, created_at) VALUES (:pos, 'PAIR', :a, :a + 1, 'bench', 0);
SELECT pg_notify('rapport_graph_changes', ':pos');
COMMIT;
SQL
cat > "$work/identity.sql" <<'SQL'
\set a random(1, 1000000)
BEGIN;
INSERT INTO identity_changes (kind, member_a, member_b, node_id, created_at) VALUES ('PAIR', :a, :a + 1, 'bench', 0);
SELECT pg_notify('rapport_graph_changes', 'x');
COMMIT;
SQL
for script in ordered identity; do
  echo "== $script: $clients clients, $seconds s [load $(cut -d' ' -f1-3 /proc/loadavg)]"
  pgbench -h 127.0.0.1 -U postgres -n -c "$clients" -j 2 -T "$seconds" -f "$work/$script.sql" "$db" \
    | grep -E 'tps|latency average|number of transactions actually'
done
psql -h 127.0.0.1 -U postgres -d "$db" -Atc "SELECT 'entries ' || count(*) || ', positions ' || min(position) || '..' || max(position) FROM graph_changes"
psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE $db"
rm -rf "$work"
