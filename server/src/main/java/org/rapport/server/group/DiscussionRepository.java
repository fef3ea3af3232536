package org.rapport.server.group;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code group_posts} and {@code group_comments} tables. */
@Repository
class DiscussionRepository {

    record PostRow(long id, long groupId, long authorId, String body, boolean pending, long createdAt,
                   long commentCount) {
    }

    record CommentRow(long id, long postId, long authorId, String body, long createdAt) {
    }

    private static final String POST = """
            p.id, p.group_id, p.author_id, p.body, p.status, p.created_at,
            (SELECT count(*) FROM group_comments c WHERE c.post_id = p.id) AS comment_count""";

    private final JdbcClient jdbc;

    DiscussionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insertPost(long group, long author, String body, boolean pending, Instant now) {
        return jdbc.sql("""
                        INSERT INTO group_posts (group_id, author_id, body, status, created_at)
                        VALUES (:g, :a, :body, :status, :now) RETURNING id""")
                .param("g", group).param("a", author).param("body", body)
                .param("status", pending ? "PENDING" : "PUBLISHED").param("now", now.toEpochMilli())
                .query(Long.class).single();
    }

    Optional<PostRow> findPost(long id) {
        return jdbc.sql("SELECT " + POST + " FROM group_posts p WHERE p.id = :id").param("id", id)
                .query((rs, n) -> post(rs)).optional();
    }

    /** Posts of one status, newest first, before the cursor (created_at, id). */
    List<PostRow> posts(long group, boolean pending, long beforeCreated, long beforeId, int limit) {
        return jdbc.sql("SELECT " + POST + """
                         FROM group_posts p WHERE p.group_id = :g AND p.status = :status
                          AND (p.created_at < :bc OR (p.created_at = :bc AND p.id < :bi))
                        ORDER BY p.created_at DESC, p.id DESC LIMIT :limit""")
                .param("g", group).param("status", pending ? "PENDING" : "PUBLISHED")
                .param("bc", beforeCreated).param("bi", beforeId).param("limit", limit)
                .query((rs, n) -> post(rs)).list();
    }

    long pendingCount(long group) {
        return jdbc.sql("SELECT count(*) FROM group_posts WHERE group_id = :g AND status = 'PENDING'")
                .param("g", group).query(Long.class).single();
    }

    boolean publish(long id) {
        return jdbc.sql("UPDATE group_posts SET status = 'PUBLISHED' WHERE id = :id AND status = 'PENDING'")
                .param("id", id).update() > 0;
    }

    boolean deletePost(long id) {
        return jdbc.sql("DELETE FROM group_posts WHERE id = :id").param("id", id).update() > 0;
    }

    boolean deleteComment(long id) {
        return jdbc.sql("DELETE FROM group_comments WHERE id = :id").param("id", id).update() > 0;
    }

    /** Removes posts still pending that were written before {@code cutoff}; how many. */
    int purgePendingBefore(Instant cutoff) {
        return jdbc.sql("DELETE FROM group_posts WHERE status = 'PENDING' AND created_at < :cutoff")
                .param("cutoff", cutoff.toEpochMilli()).update();
    }

    long writtenSince(long author, Instant since) {
        return jdbc.sql("""
                        SELECT (SELECT count(*) FROM group_posts WHERE author_id = :a AND created_at >= :since)
                             + (SELECT count(*) FROM group_comments WHERE author_id = :a AND created_at >= :since)""")
                .param("a", author).param("since", since.toEpochMilli()).query(Long.class).single();
    }

    long insertComment(long post, long author, String body, Instant now) {
        return jdbc.sql("""
                        INSERT INTO group_comments (post_id, author_id, body, created_at)
                        VALUES (:p, :a, :body, :now) RETURNING id""")
                .param("p", post).param("a", author).param("body", body).param("now", now.toEpochMilli())
                .query(Long.class).single();
    }

    /** A post's comments, oldest first, after the cursor id. */
    List<CommentRow> comments(long post, long afterId, int limit) {
        return jdbc.sql("""
                        SELECT id, post_id, author_id, body, created_at FROM group_comments
                        WHERE post_id = :p AND id > :after ORDER BY id LIMIT :limit""")
                .param("p", post).param("after", afterId).param("limit", limit)
                .query((rs, n) -> new CommentRow(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4),
                        rs.getLong(5)))
                .list();
    }

    private static PostRow post(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new PostRow(rs.getLong("id"), rs.getLong("group_id"), rs.getLong("author_id"), rs.getString("body"),
                "PENDING".equals(rs.getString("status")), rs.getLong("created_at"), rs.getLong("comment_count"));
    }
}
