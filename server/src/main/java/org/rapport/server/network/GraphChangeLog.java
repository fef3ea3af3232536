package org.rapport.server.network;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import org.rapport.server.system.Database;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code graph_changes} table (V12): the log of changes to what the graph index holds, in
 * commit order, that every node follows.
 *
 * <p><b>Why positions are in commit order.</b> An identity or sequence column hands out numbers
 * when a row is inserted, not when its transaction commits, so on PostgreSQL position 8 can
 * become visible before 7; a follower that has read up to 8 would never see 7. Here a position is
 * taken from the single row of {@code graph_log_head} with an {@code UPDATE … RETURNING}, as the
 * last statements before the commit ({@link GraphIndex} appends from a before-commit callback).
 * The row lock stays with the transaction until it ends, so the next writer gets its position
 * only after this one committed (or rolled back, returning the number): positions are
 * contiguous, and a reader that sees position p has already been able to see every position
 * below it. The price is that the tails of graph-changing transactions (from the append to the
 * commit: one update, one insert per change, one {@code pg_notify}) run one at a time across the
 * cluster, each waiting for its own WAL flush: about 700 a second on the project's machine, half
 * the rate of the same commits unserialized (BENCHMARKS.md, "The serialized tail of graph writes").
 * SQLite serializes every write transaction anyway.
 *
 * <p>On PostgreSQL the append also sends {@code NOTIFY rapport_graph_changes}, delivered to the
 * other nodes' listening connections when (and only if) the transaction commits.
 */
@Repository
public class GraphChangeLog {

    static final String CHANNEL = "rapport_graph_changes";

    /** What a log entry says changed. */
    public enum Kind {
        /** Whether {@code a} and {@code b} are connected may have changed. */
        PAIR,
        /** Any of member {@code a}'s connections may have changed (an account deleted). */
        MEMBER,
        /** Anything may have changed (a bulk import): load the whole graph again. */
        RELOAD
    }

    /** One change to append. */
    public record Change(Kind kind, long a, long b) {
    }

    /** One entry read back. */
    public record Entry(long position, Kind kind, long a, long b, String nodeId) {
    }

    private final JdbcClient jdbc;
    private final Database database;

    public GraphChangeLog(JdbcClient jdbc, Database database) {
        this.jdbc = jdbc;
        this.database = database;
    }

    /** The last position handed out. */
    public long head() {
        return jdbc.sql("SELECT position FROM graph_log_head WHERE id = 1").query(Long.class).single();
    }

    /** The log's identity, set to a random UUID by the first node that asks. */
    public java.util.UUID logId() {
        jdbc.sql("UPDATE graph_log_head SET log_id = :id WHERE id = 1 AND log_id IS NULL")
                .param("id", java.util.UUID.randomUUID().toString()).update();
        return java.util.UUID.fromString(jdbc.sql("SELECT log_id FROM graph_log_head WHERE id = 1")
                .query(String.class).single());
    }

    /** Entries at or below this position may be gone. */
    public long prunedThrough() {
        return jdbc.sql("SELECT pruned_through FROM graph_log_head WHERE id = 1").query(Long.class).single();
    }

    /**
     * Appends the changes with consecutive positions; call it inside the writing transaction, as
     * late as possible (it holds the log's row lock until the commit).
     *
     * @return the first position given
     */
    long append(List<Change> changes, String nodeId, long now) {
        long last = jdbc.sql("UPDATE graph_log_head SET position = position + :n WHERE id = 1 RETURNING position")
                .param("n", changes.size()).query(Long.class).single();
        long first = last - changes.size() + 1;
        long position = first;
        for (Change c : changes) {
            jdbc.sql("""
                    INSERT INTO graph_changes (position, kind, member_a, member_b, node_id, created_at)
                    VALUES (:position, :kind, :a, :b, :node, :now)""")
                    .param("position", position++).param("kind", c.kind().name()).param("a", c.a())
                    .param("b", c.b()).param("node", nodeId).param("now", now).update();
        }
        if (!database.isSqlite()) {
            jdbc.sql("SELECT pg_notify('" + CHANNEL + "', :position)").param("position", Long.toString(last))
                    .query((rs, i) -> 0).list();
        }
        return first;
    }

    /**
     * Appends a RELOAD entry through a plain connection inside its caller's transaction: for the
     * bulk importer, which writes through JDBC.
     */
    public static long appendReload(Connection connection, boolean postgres, String nodeId, long now)
            throws SQLException {
        long position;
        try (PreparedStatement ps = connection.prepareStatement(
                "UPDATE graph_log_head SET position = position + 1 WHERE id = 1 RETURNING position");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            position = rs.getLong(1);
        }
        try (PreparedStatement ps = connection.prepareStatement("""
                INSERT INTO graph_changes (position, kind, member_a, member_b, node_id, created_at)
                VALUES (?, 'RELOAD', 0, 0, ?, ?)""")) {
            ps.setLong(1, position);
            ps.setString(2, nodeId);
            ps.setLong(3, now);
            ps.executeUpdate();
        }
        if (postgres) {
            try (PreparedStatement ps = connection.prepareStatement("SELECT pg_notify('" + CHANNEL + "', ?)")) {
                ps.setString(1, Long.toString(position));
                ps.executeQuery().close();
            }
        }
        return position;
    }

    /** Up to {@code limit} entries after {@code position}, in order. */
    public List<Entry> after(long position, int limit) {
        return jdbc.sql("""
                SELECT position, kind, member_a, member_b, node_id FROM graph_changes
                WHERE position > :position ORDER BY position LIMIT :limit""")
                .param("position", position).param("limit", limit)
                .query((rs, i) -> new Entry(rs.getLong(1), Kind.valueOf(rs.getString(2)), rs.getLong(3),
                        rs.getLong(4), rs.getString(5)))
                .list();
    }

    /** The position of the first RELOAD entry after {@code position}, if any. */
    public boolean reloadAfter(long position) {
        return jdbc.sql("SELECT count(*) FROM graph_changes WHERE position > :position AND kind = 'RELOAD'")
                .param("position", position).query(Long.class).single() > 0;
    }

    /** Notes that {@code nodeId} has a snapshot at {@code position}. */
    public void recordSnapshot(String nodeId, long position, long now) {
        jdbc.sql("""
                INSERT INTO graph_snapshots (node_id, position, written_at) VALUES (:node, :position, :now)
                ON CONFLICT (node_id) DO UPDATE SET position = excluded.position, written_at = excluded.written_at""")
                .param("node", nodeId).param("position", position).param("now", now).update();
    }

    /**
     * Deletes the entries that no snapshot written since {@code cutoff} needs and that are older
     * than {@code cutoff}: everything up to the lowest of (the oldest recent snapshot's position,
     * the newest entry created before {@code cutoff}). A node whose snapshot is older than that
     * loads from the database instead; a follower that finds its next entry pruned reloads.
     *
     * @return the new pruned-through position
     */
    public long prune(long cutoff) {
        long head = head();
        Long oldestSnapshot = nullable(jdbc.sql("SELECT min(position) FROM graph_snapshots WHERE written_at >= :cutoff")
                .param("cutoff", cutoff).query(Long.class).list());
        Long oldEnough = nullable(jdbc.sql("SELECT max(position) FROM graph_changes WHERE created_at < :cutoff")
                .param("cutoff", cutoff).query(Long.class).list());
        long through = Math.min(oldestSnapshot == null ? head : oldestSnapshot, oldEnough == null ? 0 : oldEnough);
        long pruned = prunedThrough();
        if (through <= pruned) {
            return pruned;
        }
        jdbc.sql("DELETE FROM graph_changes WHERE position <= :through").param("through", through).update();
        jdbc.sql("UPDATE graph_log_head SET pruned_through = :through WHERE id = 1 AND pruned_through < :through")
                .param("through", through).update();
        jdbc.sql("DELETE FROM graph_snapshots WHERE written_at < :cutoff").param("cutoff", cutoff).update();
        return through;
    }

    private static Long nullable(List<Long> oneValue) {
        return oneValue.isEmpty() ? null : oneValue.get(0);
    }
}
