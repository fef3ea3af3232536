package org.rapport.server.follow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.rapport.server.system.Cursor;
import org.rapport.server.system.PageRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Who follows whom, stored as exceptions to the graph: {@code follows} for members who follow
 * without being connected, {@code unfollowed_connections} for connections who stopped following.
 * "A follows B" is therefore: connected and not unfollowed, or a follow row. Other features call
 * {@link #clearPair} inside their own transactions when a pair connects, disconnects or blocks.
 */
@Repository
public class FollowRepository {

    /** A member on a follower or following list, and since when. */
    public record Row(long memberId, Instant since) {
    }

    public record Slice(List<Row> rows, String nextCursor) {
    }

    private final JdbcClient jdbc;

    public FollowRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean insertFollow(long follower, long followee, Instant now) {
        return jdbc.sql("""
                        INSERT INTO follows (follower_id, followee_id, created_at) VALUES (:a, :b, :now)
                        ON CONFLICT DO NOTHING""")
                .param("a", follower).param("b", followee).param("now", now.toEpochMilli()).update() > 0;
    }

    boolean deleteFollow(long follower, long followee) {
        return jdbc.sql("DELETE FROM follows WHERE follower_id = :a AND followee_id = :b")
                .param("a", follower).param("b", followee).update() > 0;
    }

    boolean insertUnfollow(long member, long muted, Instant now) {
        return jdbc.sql("""
                        INSERT INTO unfollowed_connections (member_id, muted_id, created_at) VALUES (:a, :b, :now)
                        ON CONFLICT DO NOTHING""")
                .param("a", member).param("b", muted).param("now", now.toEpochMilli()).update() > 0;
    }

    boolean deleteUnfollow(long member, long muted) {
        return jdbc.sql("DELETE FROM unfollowed_connections WHERE member_id = :a AND muted_id = :b")
                .param("a", member).param("b", muted).update() > 0;
    }

    /**
     * Forgets every follow and unfollow between two members: when they connect (both now follow
     * each other through the connection), disconnect (neither follows the other, as on LinkedIn)
     * or one blocks the other.
     */
    public void clearPair(long a, long b) {
        jdbc.sql("""
                        DELETE FROM follows
                        WHERE (follower_id = :a AND followee_id = :b) OR (follower_id = :b AND followee_id = :a)""")
                .param("a", a).param("b", b).update();
        jdbc.sql("""
                        DELETE FROM unfollowed_connections
                        WHERE (member_id = :a AND muted_id = :b) OR (member_id = :b AND muted_id = :a)""")
                .param("a", a).param("b", b).update();
    }

    boolean followRow(long follower, long followee) {
        return jdbc.sql("SELECT count(*) FROM follows WHERE follower_id = :a AND followee_id = :b")
                .param("a", follower).param("b", followee).query(Long.class).single() > 0;
    }

    boolean unfollowed(long member, long muted) {
        return jdbc.sql("SELECT count(*) FROM unfollowed_connections WHERE member_id = :a AND muted_id = :b")
                .param("a", member).param("b", muted).query(Long.class).single() > 0;
    }

    long followRowsTo(long member) {
        return jdbc.sql("SELECT count(*) FROM follows WHERE followee_id = :m").param("m", member)
                .query(Long.class).single();
    }

    long followRowsFrom(long member) {
        return jdbc.sql("SELECT count(*) FROM follows WHERE follower_id = :m").param("m", member)
                .query(Long.class).single();
    }

    long unfollowsOf(long muted) {
        return jdbc.sql("SELECT count(*) FROM unfollowed_connections WHERE muted_id = :m").param("m", muted)
                .query(Long.class).single();
    }

    long unfollowsBy(long member) {
        return jdbc.sql("SELECT count(*) FROM unfollowed_connections WHERE member_id = :m").param("m", member)
                .query(Long.class).single();
    }

    /** Members following {@code member} without being connected. */
    public List<Long> followRowFollowers(long member) {
        return jdbc.sql("SELECT follower_id FROM follows WHERE followee_id = :m").param("m", member)
                .query(Long.class).list();
    }

    /** Connections of {@code member} who stopped following them. */
    public Set<Long> unfollowersOf(long member) {
        return new HashSet<>(jdbc.sql("SELECT member_id FROM unfollowed_connections WHERE muted_id = :m")
                .param("m", member).query(Long.class).list());
    }

    /** Members {@code member} follows without being connected. */
    public List<Long> followedWithoutConnection(long member) {
        return jdbc.sql("SELECT followee_id FROM follows WHERE follower_id = :m").param("m", member)
                .query(Long.class).list();
    }

    /** Connections {@code member} stopped following. */
    public Set<Long> unfollowedBy(long member) {
        return new HashSet<>(jdbc.sql("SELECT muted_id FROM unfollowed_connections WHERE member_id = :m")
                .param("m", member).query(Long.class).list());
    }

    /** Followers of {@code member}, newest first: follow rows and connections that did not unfollow. */
    Slice followers(long member, PageRequest page) {
        return slice("""
                SELECT follower_id AS mid, created_at AS since FROM follows WHERE followee_id = :m
                UNION ALL
                SELECT CASE WHEN c.member_lo = :m THEN c.member_hi ELSE c.member_lo END, c.created_at
                FROM connections c
                WHERE (c.member_lo = :m OR c.member_hi = :m)
                  AND NOT EXISTS (SELECT 1 FROM unfollowed_connections u
                                  WHERE u.muted_id = :m
                                    AND u.member_id = CASE WHEN c.member_lo = :m THEN c.member_hi ELSE c.member_lo END)""",
                "followers", member, page);
    }

    /** Whom {@code member} follows, newest first. */
    Slice following(long member, PageRequest page) {
        return slice("""
                SELECT followee_id AS mid, created_at AS since FROM follows WHERE follower_id = :m
                UNION ALL
                SELECT CASE WHEN c.member_lo = :m THEN c.member_hi ELSE c.member_lo END, c.created_at
                FROM connections c
                WHERE (c.member_lo = :m OR c.member_hi = :m)
                  AND NOT EXISTS (SELECT 1 FROM unfollowed_connections u
                                  WHERE u.member_id = :m
                                    AND u.muted_id = CASE WHEN c.member_lo = :m THEN c.member_hi ELSE c.member_lo END)""",
                "following", member, page);
    }

    private Slice slice(String union, String kind, long member, PageRequest page) {
        StringBuilder sql = new StringBuilder("SELECT mid, since FROM (").append(union).append(") t");
        var params = new java.util.HashMap<String, Object>();
        params.put("m", member);
        if (page.cursor() != null) {
            List<String> k = Cursor.decode(page.cursor(), kind, 2);
            sql.append(" WHERE (since < :k1 OR (since = :k1 AND mid < :k2))");
            params.put("k1", Cursor.parseLong(k.get(0)));
            params.put("k2", Cursor.parseLong(k.get(1)));
        }
        sql.append(" ORDER BY since DESC, mid DESC LIMIT :limit");
        params.put("limit", page.limit() + 1);
        List<Row> rows = new ArrayList<>(jdbc.sql(sql.toString()).params(params)
                .query((rs, n) -> new Row(rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2)))).list());
        String next = null;
        if (rows.size() > page.limit()) {
            rows.remove(rows.size() - 1);
            Row last = rows.get(rows.size() - 1);
            next = Cursor.encode(kind, last.since().toEpochMilli(), last.memberId());
        }
        return new Slice(rows, next);
    }
}
