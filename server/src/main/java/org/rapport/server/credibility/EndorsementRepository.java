package org.rapport.server.credibility;

import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code endorsements} and {@code endorsement_opt_outs} tables. */
@Repository
class EndorsementRepository {

    /** One endorsement: of {@code memberId}'s skill (by key) by {@code endorserId}. */
    record Row(long memberId, String skillKey, long endorserId, boolean hidden, Instant createdAt) {
    }

    private final JdbcClient jdbc;

    EndorsementRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** True when the endorsement is new. */
    boolean insert(long memberId, String skillKey, long endorserId, Instant at) {
        return jdbc.sql("""
                        INSERT INTO endorsements (member_id, skill_key, endorser_id, hidden, created_at)
                        VALUES (:m, :k, :e, FALSE, :at) ON CONFLICT DO NOTHING""")
                .param("m", memberId).param("k", skillKey).param("e", endorserId).param("at", at.toEpochMilli())
                .update() > 0;
    }

    boolean delete(long memberId, String skillKey, long endorserId) {
        return jdbc.sql("DELETE FROM endorsements WHERE member_id = :m AND skill_key = :k AND endorser_id = :e")
                .param("m", memberId).param("k", skillKey).param("e", endorserId).update() > 0;
    }

    boolean setHidden(long memberId, String skillKey, long endorserId, boolean hidden) {
        return jdbc.sql("""
                        UPDATE endorsements SET hidden = :h
                        WHERE member_id = :m AND skill_key = :k AND endorser_id = :e""")
                .param("h", hidden).param("m", memberId).param("k", skillKey).param("e", endorserId).update() > 0;
    }

    /** Every endorsement of the member's skills, newest first. */
    List<Row> forMember(long memberId) {
        return jdbc.sql("""
                        SELECT member_id, skill_key, endorser_id, hidden, created_at FROM endorsements
                        WHERE member_id = :m ORDER BY created_at DESC, endorser_id""")
                .param("m", memberId)
                .query((rs, i) -> new Row(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getBoolean(4),
                        Instant.ofEpochMilli(rs.getLong(5))))
                .list();
    }

    /** Deletes every endorsement either member gave the other; the number deleted. */
    int deletePair(long a, long b) {
        return jdbc.sql("""
                        DELETE FROM endorsements
                        WHERE (member_id = :a AND endorser_id = :b) OR (member_id = :b AND endorser_id = :a)""")
                .param("a", a).param("b", b).update();
    }

    boolean optedOut(long memberId) {
        return jdbc.sql("SELECT count(*) FROM endorsement_opt_outs WHERE member_id = :m").param("m", memberId)
                .query(Long.class).single() > 0;
    }

    void setOptedOut(long memberId, boolean out, Instant at) {
        if (out) {
            jdbc.sql("INSERT INTO endorsement_opt_outs (member_id, created_at) VALUES (:m, :at) ON CONFLICT DO NOTHING")
                    .param("m", memberId).param("at", at.toEpochMilli()).update();
        } else {
            jdbc.sql("DELETE FROM endorsement_opt_outs WHERE member_id = :m").param("m", memberId).update();
        }
    }
}
