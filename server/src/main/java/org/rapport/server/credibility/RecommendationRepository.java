package org.rapport.server.credibility;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code recommendations} table. */
@Repository
class RecommendationRepository {

    private static final String COLUMNS = """
            id, author_id, recipient_id, position_company, position_title, request_note, revision_note, body, status,
            created_at, updated_at""";

    private final JdbcClient jdbc;

    RecommendationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(long author, long recipient, String company, String title, String requestNote, String text,
                RecommendationStatus status, Instant at) {
        return jdbc.sql("""
                        INSERT INTO recommendations (author_id, recipient_id, position_company, position_title,
                                                     request_note, body, status, created_at, updated_at)
                        VALUES (:a, :r, :c, :t, :n, :b, :s, :at, :at) RETURNING id""")
                .param("a", author).param("r", recipient).param("c", company).param("t", title)
                .param("n", requestNote).param("b", text).param("s", status.name()).param("at", at.toEpochMilli())
                .query(Long.class).single();
    }

    Optional<Recommendation> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM recommendations WHERE id = :id").param("id", id)
                .query(RecommendationRepository::map).optional();
    }

    Optional<Recommendation> findPair(long author, long recipient) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM recommendations WHERE author_id = :a AND recipient_id = :r")
                .param("a", author).param("r", recipient).query(RecommendationRepository::map).optional();
    }

    /** The author's text (and position), back to PENDING, if the status is still one of {@code from}. */
    boolean write(long id, String company, String title, String text, Collection<RecommendationStatus> from,
                  Instant at) {
        return jdbc.sql("""
                        UPDATE recommendations SET body = :b, position_company = :c, position_title = :t,
                               status = 'PENDING', updated_at = :at
                        WHERE id = :id AND status IN (:from)""")
                .param("b", text).param("c", company).param("t", title).param("at", at.toEpochMilli())
                .param("id", id).param("from", names(from)).update() > 0;
    }

    boolean move(long id, Collection<RecommendationStatus> from, RecommendationStatus to, String revisionNote,
                 Instant at) {
        return jdbc.sql("""
                        UPDATE recommendations SET status = :to, revision_note = :note, updated_at = :at
                        WHERE id = :id AND status IN (:from)""")
                .param("to", to.name()).param("note", revisionNote).param("at", at.toEpochMilli())
                .param("id", id).param("from", names(from)).update() > 0;
    }

    boolean delete(long id) {
        return jdbc.sql("DELETE FROM recommendations WHERE id = :id").param("id", id).update() > 0;
    }

    /** Deletes whatever either member wrote or asked of the other; the number deleted. */
    int deletePair(long a, long b) {
        return jdbc.sql("""
                        DELETE FROM recommendations
                        WHERE (author_id = :a AND recipient_id = :b) OR (author_id = :b AND recipient_id = :a)""")
                .param("a", a).param("b", b).update();
    }

    /**
     * A page, newest change first, of the member's recommendations on one side ({@code column} is
     * author_id or recipient_id, never caller text), in the given states; {@code limit + 1} rows.
     */
    List<Recommendation> page(String column, long member, Collection<RecommendationStatus> states, Long beforeTime,
                              Long beforeId, int limit) {
        if (!column.equals("author_id") && !column.equals("recipient_id")) {
            throw new IllegalArgumentException(column);
        }
        String after = beforeTime == null ? ""
                : " AND (updated_at < :t OR (updated_at = :t AND id < :i))";
        var spec = jdbc.sql("SELECT " + COLUMNS + " FROM recommendations WHERE " + column + " = :m AND status IN (:s)"
                        + after + " ORDER BY updated_at DESC, id DESC LIMIT :limit")
                .param("m", member).param("s", names(states)).param("limit", limit + 1);
        if (beforeTime != null) {
            spec = spec.param("t", beforeTime).param("i", beforeId);
        }
        return spec.query(RecommendationRepository::map).list();
    }

    long count(String column, long member, Collection<RecommendationStatus> states) {
        if (!column.equals("author_id") && !column.equals("recipient_id")) {
            throw new IllegalArgumentException(column);
        }
        return jdbc.sql("SELECT count(*) FROM recommendations WHERE " + column + " = :m AND status IN (:s)")
                .param("m", member).param("s", names(states)).query(Long.class).single();
    }

    private static List<String> names(Collection<RecommendationStatus> states) {
        return states.stream().map(Enum::name).toList();
    }

    private static Recommendation map(ResultSet rs, int row) throws SQLException {
        return new Recommendation(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), RecommendationStatus.valueOf(rs.getString(9)),
                Instant.ofEpochMilli(rs.getLong(10)), Instant.ofEpochMilli(rs.getLong(11)));
    }
}
