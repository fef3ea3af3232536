package org.rapport.server.credibility;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code introductions} table. */
@Repository
class IntroductionRepository {

    private static final String COLUMNS = """
            id, requester_id, intermediary_id, target_id, reason, intermediary_note, status, invitation_id,
            created_at, responded_at""";

    private final JdbcClient jdbc;

    IntroductionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(long requester, long intermediary, long target, String reason, Instant at) {
        return jdbc.sql("""
                        INSERT INTO introductions (requester_id, intermediary_id, target_id, reason, status, created_at)
                        VALUES (:r, :i, :t, :reason, 'PENDING', :at) RETURNING id""")
                .param("r", requester).param("i", intermediary).param("t", target).param("reason", reason)
                .param("at", at.toEpochMilli()).query(Long.class).single();
    }

    Optional<Introduction> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM introductions WHERE id = :id").param("id", id)
                .query(IntroductionRepository::map).optional();
    }

    boolean pendingBetween(long requester, long target) {
        return jdbc.sql("""
                        SELECT count(*) FROM introductions
                        WHERE requester_id = :r AND target_id = :t AND status = 'PENDING'""")
                .param("r", requester).param("t", target).query(Long.class).single() > 0;
    }

    /** How many introductions the member asked for since {@code since}, and the oldest of them. */
    record Usage(long count, Instant oldest) {
    }

    Usage usedSince(long requester, Instant since) {
        return jdbc.sql("""
                        SELECT count(*), min(created_at) FROM introductions
                        WHERE requester_id = :r AND created_at > :since""")
                .param("r", requester).param("since", since.toEpochMilli())
                .query((rs, i) -> {
                    long oldest = rs.getLong(2);
                    return new Usage(rs.getLong(1), rs.wasNull() ? null : Instant.ofEpochMilli(oldest));
                }).single();
    }

    boolean forward(long id, String note, long invitationId, Instant at) {
        return jdbc.sql("""
                        UPDATE introductions SET status = 'FORWARDED', intermediary_note = :n, invitation_id = :inv,
                               responded_at = :at
                        WHERE id = :id AND status = 'PENDING'""")
                .param("n", note).param("inv", invitationId).param("at", at.toEpochMilli()).param("id", id)
                .update() > 0;
    }

    boolean decline(long id, Instant at) {
        return jdbc.sql("""
                        UPDATE introductions SET status = 'DECLINED', responded_at = :at
                        WHERE id = :id AND status = 'PENDING'""")
                .param("at", at.toEpochMilli()).param("id", id).update() > 0;
    }

    /** Deletes the pending requests the pair {@code a}, {@code b} was part of, in any two roles. */
    int deletePendingWithPair(long a, long b) {
        return jdbc.sql("""
                        DELETE FROM introductions WHERE status = 'PENDING' AND (
                            (requester_id = :a AND intermediary_id = :b) OR (requester_id = :b AND intermediary_id = :a)
                         OR (intermediary_id = :a AND target_id = :b) OR (intermediary_id = :b AND target_id = :a)
                         OR (requester_id = :a AND target_id = :b) OR (requester_id = :b AND target_id = :a))""")
                .param("a", a).param("b", b).update();
    }

    /** A page of introductions on one side ({@code column} is requester_id or intermediary_id), newest first; limit + 1 rows. */
    List<Introduction> page(String column, long member, Long beforeId, int limit) {
        if (!column.equals("requester_id") && !column.equals("intermediary_id")) {
            throw new IllegalArgumentException(column);
        }
        var spec = jdbc.sql("SELECT " + COLUMNS + " FROM introductions WHERE " + column + " = :m"
                        + (beforeId == null ? "" : " AND id < :b") + " ORDER BY id DESC LIMIT :limit")
                .param("m", member).param("limit", limit + 1);
        if (beforeId != null) {
            spec = spec.param("b", beforeId);
        }
        return spec.query(IntroductionRepository::map).list();
    }

    long count(String column, long member, boolean pendingOnly) {
        if (!column.equals("requester_id") && !column.equals("intermediary_id")) {
            throw new IllegalArgumentException(column);
        }
        return jdbc.sql("SELECT count(*) FROM introductions WHERE " + column + " = :m"
                        + (pendingOnly ? " AND status = 'PENDING'" : ""))
                .param("m", member).query(Long.class).single();
    }

    private static Introduction map(ResultSet rs, int row) throws SQLException {
        long inv = rs.getLong(8);
        Long invitation = rs.wasNull() ? null : inv;
        long responded = rs.getLong(10);
        Instant respondedAt = rs.wasNull() ? null : Instant.ofEpochMilli(responded);
        return new Introduction(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getString(5),
                rs.getString(6), IntroductionStatus.valueOf(rs.getString(7)), invitation,
                Instant.ofEpochMilli(rs.getLong(9)), respondedAt);
    }
}
