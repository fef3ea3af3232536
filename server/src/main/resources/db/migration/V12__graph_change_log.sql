-- The graph change log (issue 9, J3): every change to what the in-memory graph index holds is
-- appended here in the transaction that makes it, so that every node sharing the database can
-- apply the others' changes in commit order, and a node can start from a snapshot file plus the
-- entries after it. The same DDL serves SQLite and PostgreSQL.

-- One row: the last position handed out and how far the log has been pruned. Positions are
-- assigned by `UPDATE graph_log_head SET position = position + n RETURNING position` just before
-- commit; the row lock that update takes is held until the transaction ends, so positions are
-- handed out in commit order and without gaps (a rolled-back transaction rolls its update back).
-- log_id is a random UUID the first node to start sets; snapshot files carry it, so a snapshot of
-- another database (or of this one before a restore) is never mistaken for this one's.
CREATE TABLE graph_log_head (
    id             INTEGER NOT NULL PRIMARY KEY,
    position       BIGINT  NOT NULL,
    pruned_through BIGINT  NOT NULL,
    log_id         TEXT,
    CHECK (id = 1),
    CHECK (position >= 0 AND pruned_through >= 0 AND pruned_through <= position)
);

-- What changed, not what it became: a follower re-reads the current state of a PAIR (is the pair
-- connected now?) or of a MEMBER (their connections now), so applying an entry twice, or late, is
-- harmless. RELOAD (a bulk import or the demo network) tells every node to load the whole graph
-- again, in place of millions of PAIR rows.
CREATE TABLE graph_changes (
    position   BIGINT NOT NULL PRIMARY KEY,
    kind       TEXT   NOT NULL,
    member_a   BIGINT NOT NULL,
    member_b   BIGINT NOT NULL,
    node_id    TEXT   NOT NULL,
    created_at BIGINT NOT NULL,
    CHECK (kind IN ('PAIR', 'MEMBER', 'RELOAD'))
);

-- The newest snapshot each node wrote, so that pruning never removes entries a recent snapshot
-- still needs.
CREATE TABLE graph_snapshots (
    node_id    TEXT   NOT NULL PRIMARY KEY,
    position   BIGINT NOT NULL,
    written_at BIGINT NOT NULL
);

-- An existing database's graph predates the log: position 0 is "everything in connections now".
INSERT INTO graph_log_head (id, position, pruned_through) VALUES (1, 0, 0);
