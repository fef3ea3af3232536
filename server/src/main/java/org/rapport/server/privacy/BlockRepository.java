package org.rapport.server.privacy;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.rapport.server.system.Cursor;
import org.rapport.server.system.PageRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code blocks} table. */
@Repository
class BlockRepository {

    record Row(long blockedId, Instant blockedAt) {
    }

    private final JdbcClient jdbc;
    private final java.time.Clock clock;

    BlockRepository(JdbcClient jdbc, java.time.Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    boolean insert(long blocker, long blocked, Instant now) {
        return jdbc.sql("""
                        INSERT INTO blocks (blocker_id, blocked_id, created_at) VALUES (:blocker, :blocked, :now)
                        ON CONFLICT DO NOTHING""")
                .param("blocker", blocker).param("blocked", blocked).param("now", now.toEpochMilli())
                .update() > 0;
    }

    boolean delete(long blocker, long blocked) {
        return jdbc.sql("DELETE FROM blocks WHERE blocker_id = :blocker AND blocked_id = :blocked")
                .param("blocker", blocker).param("blocked", blocked).update() > 0;
    }

    boolean blocked(long blocker, long blocked) {
        return jdbc.sql("SELECT count(*) FROM blocks WHERE blocker_id = :blocker AND blocked_id = :blocked")
                .param("blocker", blocker).param("blocked", blocked).query(Long.class).single() > 0;
    }

    boolean eitherWay(long a, long b) {
        // A suspended member (issue 17) is hidden from everyone as a block would hide them.
        return jdbc.sql("""
                        SELECT (SELECT count(*) FROM blocks
                                WHERE (blocker_id = :a AND blocked_id = :b) OR (blocker_id = :b AND blocked_id = :a))
                             + (SELECT count(*) FROM members WHERE id IN (:a, :b) AND suspended_until > :now)""")
                .param("a", a).param("b", b).param("now", clock.millis()).query(Long.class).single() > 0;
    }

    /** Everyone the member blocked or was blocked by, and every suspended member. */
    Set<Long> hiddenFrom(long member) {
        return new HashSet<>(jdbc.sql("""
                        SELECT blocked_id FROM blocks WHERE blocker_id = :m
                        UNION SELECT blocker_id FROM blocks WHERE blocked_id = :m
                        UNION SELECT id FROM members WHERE suspended_until > :now AND id <> :m""")
                .param("m", member).param("now", clock.millis()).query(Long.class).list());
    }

    /** The members {@code blocker} blocked, most recent first, one page. */
    List<Row> page(long blocker, PageRequest page) {
        StringBuilder sql = new StringBuilder("SELECT blocked_id, created_at FROM blocks WHERE blocker_id = :m");
        var params = new java.util.HashMap<String, Object>();
        params.put("m", blocker);
        if (page.cursor() != null) {
            List<String> k = Cursor.decode(page.cursor(), "blocks", 2);
            sql.append(" AND (created_at < :k1 OR (created_at = :k1 AND blocked_id < :k2))");
            params.put("k1", Cursor.parseLong(k.get(0)));
            params.put("k2", Cursor.parseLong(k.get(1)));
        }
        sql.append(" ORDER BY created_at DESC, blocked_id DESC LIMIT :limit");
        params.put("limit", page.limit() + 1);
        return jdbc.sql(sql.toString()).params(params)
                .query((rs, n) -> new Row(rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2)))).list();
    }

    long count(long blocker) {
        return jdbc.sql("SELECT count(*) FROM blocks WHERE blocker_id = :m").param("m", blocker)
                .query(Long.class).single();
    }
}
