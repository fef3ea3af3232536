package org.rapport.server.connection;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.rapport.server.member.MemberSummary;
import org.rapport.server.system.Cursor;
import org.rapport.server.system.PageRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code connections} table: one row per pair, {@code member_lo < member_hi}. Lists are keyset
 * paginated: the cursor holds the sort key of the last row, so pages stay stable while connections
 * are added or removed.
 */
@Repository
public class ConnectionRepository {

    /** A row of a connections list before degree and mutual counts are added. */
    public record Row(MemberSummary member, Instant connectedAt, String sortFirst, String sortLast) {
    }

    /** A slice of rows and the cursor of the next page. */
    public record Slice(List<Row> rows, String nextCursor) {
    }

    private final JdbcClient jdbc;

    public ConnectionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public boolean exists(long a, long b) {
        return jdbc.sql("SELECT count(*) FROM connections WHERE member_lo = :lo AND member_hi = :hi")
                .param("lo", Math.min(a, b)).param("hi", Math.max(a, b))
                .query(Long.class).single() > 0;
    }

    /** Inserts the pair unless it exists; true if inserted. */
    public boolean insert(long a, long b, Instant at, Long invitationId) {
        return jdbc.sql("""
                        INSERT INTO connections (member_lo, member_hi, created_at, origin, invitation_id)
                        VALUES (:lo, :hi, :at, :origin, :inv)
                        ON CONFLICT DO NOTHING""")
                .param("lo", Math.min(a, b)).param("hi", Math.max(a, b)).param("at", at.toEpochMilli())
                .param("origin", invitationId == null ? "IMPORT" : "INVITATION").param("inv", invitationId)
                .update() > 0;
    }

    public boolean delete(long a, long b) {
        return jdbc.sql("DELETE FROM connections WHERE member_lo = :lo AND member_hi = :hi")
                .param("lo", Math.min(a, b)).param("hi", Math.max(a, b))
                .update() > 0;
    }

    public long count() {
        return jdbc.sql("SELECT count(*) FROM connections").query(Long.class).single();
    }

    /**
     * One page of {@code owner}'s connections in the given order and filters. With
     * {@code sharedWith} set, only connections that member shares with the owner are listed, and of
     * those only the ones who do not keep their own list to themselves: the owner hides theirs, so
     * the pair is visible to that member only through the other end (ARCHITECTURE.md, "Who sees
     * which connection").
     */
    public Slice page(long owner, ConnectionSort sort, ConnectionFilter filter, Long sharedWith, PageRequest page) {
        StringBuilder sql = new StringBuilder("""
                SELECT m.id, m.first_name, m.last_name, m.headline, m.location, m.photo, m.profile_visibility, m.sort_first, m.sort_last,
                       c.created_at AS connected_at
                FROM (SELECT member_hi AS other, created_at FROM connections WHERE member_lo = :owner
                      UNION ALL
                      SELECT member_lo AS other, created_at FROM connections WHERE member_hi = :owner) c
                JOIN members m ON m.id = c.other
                WHERE 1 = 1
                """);
        var params = new java.util.HashMap<String, Object>();
        params.put("owner", owner);
        appendFilters(sql, params, filter, sharedWith);
        if (page.cursor() != null) {
            List<String> k = Cursor.decode(page.cursor(), "c-" + sort.param(), 3);
            switch (sort) {
                case RECENT -> {
                    sql.append(" AND (c.created_at < :k1 OR (c.created_at = :k1 AND m.id < :k2))");
                    params.put("k1", Cursor.parseLong(k.get(0)));
                    params.put("k2", Cursor.parseLong(k.get(1)));
                }
                case FIRST_NAME -> {
                    sql.append(" AND (m.sort_first > :k1 OR (m.sort_first = :k1 AND (m.sort_last > :k2"
                            + " OR (m.sort_last = :k2 AND m.id > :k3))))");
                    params.put("k1", k.get(0));
                    params.put("k2", k.get(1));
                    params.put("k3", Cursor.parseLong(k.get(2)));
                }
                case LAST_NAME -> {
                    sql.append(" AND (m.sort_last > :k1 OR (m.sort_last = :k1 AND (m.sort_first > :k2"
                            + " OR (m.sort_first = :k2 AND m.id > :k3))))");
                    params.put("k1", k.get(0));
                    params.put("k2", k.get(1));
                    params.put("k3", Cursor.parseLong(k.get(2)));
                }
            }
        }
        sql.append(switch (sort) {
            case RECENT -> " ORDER BY c.created_at DESC, m.id DESC";
            case FIRST_NAME -> " ORDER BY m.sort_first, m.sort_last, m.id";
            case LAST_NAME -> " ORDER BY m.sort_last, m.sort_first, m.id";
        });
        sql.append(" LIMIT :limit");
        params.put("limit", page.limit() + 1);

        List<Row> rows = new ArrayList<>(jdbc.sql(sql.toString()).params(params)
                .query((rs, n) -> new Row(
                        org.rapport.server.member.MemberRepository.summary(rs, n),
                        Instant.ofEpochMilli(rs.getLong("connected_at")),
                        rs.getString("sort_first"), rs.getString("sort_last")))
                .list());
        String next = null;
        if (rows.size() > page.limit()) {
            rows.remove(rows.size() - 1);
            Row last = rows.get(rows.size() - 1);
            next = switch (sort) {
                case RECENT -> Cursor.encode("c-recent", last.connectedAt().toEpochMilli(), last.member().id(), "");
                case FIRST_NAME -> Cursor.encode("c-first_name", last.sortFirst(), last.sortLast(), last.member().id());
                case LAST_NAME -> Cursor.encode("c-last_name", last.sortLast(), last.sortFirst(), last.member().id());
            };
        }
        return new Slice(rows, next);
    }

    /** How many connections match the filters (the total shown above a filtered list). */
    public long count(long owner, ConnectionFilter filter, Long sharedWith) {
        StringBuilder sql = new StringBuilder("""
                SELECT count(*)
                FROM (SELECT member_hi AS other FROM connections WHERE member_lo = :owner
                      UNION ALL
                      SELECT member_lo AS other FROM connections WHERE member_hi = :owner) c
                JOIN members m ON m.id = c.other
                WHERE 1 = 1
                """);
        var params = new java.util.HashMap<String, Object>();
        params.put("owner", owner);
        appendFilters(sql, params, filter, sharedWith);
        return jdbc.sql(sql.toString()).params(params).query(Long.class).single();
    }

    private static void appendFilters(StringBuilder sql, java.util.Map<String, Object> params,
                                      ConnectionFilter filter, Long sharedWith) {
        filter.appendSql(sql, params);
        if (sharedWith != null) {
            sql.append("""
                     AND EXISTS (SELECT 1 FROM connections s
                                 WHERE (s.member_lo = :shared AND s.member_hi = m.id)
                                    OR (s.member_hi = :shared AND s.member_lo = m.id))
                       AND m.connections_visibility <> 'ONLY_ME'
                    """);
            params.put("shared", sharedWith);
        }
    }
}
