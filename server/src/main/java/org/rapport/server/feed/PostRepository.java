package org.rapport.server.feed;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code posts} and {@code feed_items} tables. */
@Repository
class PostRepository {

    private static final String COLUMNS = "p.id, p.author_id, p.body, p.visibility, p.fanned_out, p.reach, p.created_at, p.edited_at";

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    PostRepository(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    long insert(long author, String body, Post.Visibility visibility, boolean fannedOut, long reach, Instant now) {
        return jdbc.sql("""
                        INSERT INTO posts (author_id, body, visibility, fanned_out, reach, created_at)
                        VALUES (:author, :body, :vis, :fanned, :reach, :now) RETURNING id""")
                .param("author", author).param("body", body).param("vis", visibility.name())
                .param("fanned", fannedOut).param("reach", reach).param("now", now.toEpochMilli())
                .query(Long.class).single();
    }

    void update(long id, String body, Post.Visibility visibility, boolean fannedOut, long reach, Instant now) {
        jdbc.sql("""
                        UPDATE posts SET body = :body, visibility = :vis, fanned_out = :fanned, reach = :reach,
                                         edited_at = :now WHERE id = :id""")
                .param("body", body).param("vis", visibility.name()).param("fanned", fannedOut)
                .param("reach", reach).param("now", now.toEpochMilli()).param("id", id).update();
    }

    boolean delete(long id) {
        return jdbc.sql("DELETE FROM posts WHERE id = :id").param("id", id).update() > 0;
    }

    Optional<Post> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM posts p WHERE p.id = :id").param("id", id)
                .query(PostRepository::post).optional();
    }

    /** Puts a post into each member's feed (fan-out on write). */
    void deliver(long postId, long author, Instant createdAt, Collection<Long> members) {
        List<Object[]> rows = new ArrayList<>(members.size());
        for (long m : members) {
            rows.add(new Object[] {m, postId, author, createdAt.toEpochMilli()});
        }
        batch.batchUpdate("""
                INSERT INTO feed_items (member_id, post_id, author_id, created_at) VALUES (?, ?, ?, ?)
                ON CONFLICT DO NOTHING""", rows);
    }

    void undeliver(long postId) {
        jdbc.sql("DELETE FROM feed_items WHERE post_id = :id").param("id", postId).update();
    }

    /** Takes an author's updates out of one member's feed (they stopped following). */
    void removeAuthorFromFeed(long member, long author) {
        jdbc.sql("DELETE FROM feed_items WHERE member_id = :m AND author_id = :a")
                .param("m", member).param("a", author).update();
    }

    /** An author's recent fanned-out updates of the given visibilities, to backfill a new follower's feed. */
    List<Post> recentFannedOut(long author, Instant since, Collection<Post.Visibility> visibilities, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + """
                         FROM posts p
                        WHERE p.author_id = :a AND p.fanned_out = TRUE AND p.created_at >= :since
                          AND p.visibility IN (:vis)
                        ORDER BY p.created_at DESC, p.id DESC LIMIT :limit""")
                .param("a", author).param("since", since.toEpochMilli())
                .param("vis", visibilities.stream().map(Enum::name).toList()).param("limit", limit)
                .query(PostRepository::post).list();
    }

    /** One page of a member's fanned-out feed, newest first, before the cursor position. */
    List<Post> feedItems(long member, long beforeAt, long beforeId, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + """
                         FROM feed_items f JOIN posts p ON p.id = f.post_id
                        WHERE f.member_id = :m
                          AND (f.created_at < :at OR (f.created_at = :at AND f.post_id < :id))
                        ORDER BY f.created_at DESC, f.post_id DESC LIMIT :limit""")
                .param("m", member).param("at", beforeAt).param("id", beforeId).param("limit", limit)
                .query(PostRepository::post).list();
    }

    /** Updates by the given authors that were not fanned out (large audiences), newest first. */
    List<Post> notFannedOut(Collection<Long> authors, long beforeAt, long beforeId, int limit) {
        if (authors.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT " + COLUMNS + """
                         FROM posts p
                        WHERE p.fanned_out = FALSE AND p.author_id IN (:authors)
                          AND (p.created_at < :at OR (p.created_at = :at AND p.id < :id))
                        ORDER BY p.created_at DESC, p.id DESC LIMIT :limit""")
                .param("authors", authors).param("at", beforeAt).param("id", beforeId).param("limit", limit)
                .query(PostRepository::post).list();
    }

    /** Authors with updates that were not fanned out: the few with audiences past the threshold. */
    Set<Long> authorsNotFannedOut() {
        return new HashSet<>(jdbc.sql("SELECT DISTINCT author_id FROM posts WHERE fanned_out = FALSE")
                .query(Long.class).list());
    }

    /** An author's updates, newest first, before the cursor position. */
    List<Post> byAuthor(long author, long beforeAt, long beforeId, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + """
                         FROM posts p
                        WHERE p.author_id = :a AND (p.created_at < :at OR (p.created_at = :at AND p.id < :id))
                        ORDER BY p.created_at DESC, p.id DESC LIMIT :limit""")
                .param("a", author).param("at", beforeAt).param("id", beforeId).param("limit", limit)
                .query(PostRepository::post).list();
    }

    static Post post(ResultSet rs, int n) throws SQLException {
        long edited = rs.getLong(8);
        Instant editedAt = rs.wasNull() ? null : Instant.ofEpochMilli(edited);
        return new Post(rs.getLong(1), rs.getLong(2), rs.getString(3), Post.Visibility.valueOf(rs.getString(4)),
                rs.getBoolean(5), rs.getLong(6), Instant.ofEpochMilli(rs.getLong(7)), editedAt);
    }
}
