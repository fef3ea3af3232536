package org.rapport.server.report;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.rapport.server.report.ReportEnums.Action;
import org.rapport.server.report.ReportEnums.Reason;
import org.rapport.server.report.ReportEnums.Status;
import org.rapport.server.report.ReportEnums.SubjectType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code reports} table. */
@Repository
class ReportRepository {

    record Row(long id, Long reporterId, SubjectType subjectType, long subjectId, Long subjectMemberId, String excerpt,
               Reason reason, String details, Status status, Instant createdAt, Instant resolvedAt, Long resolvedBy,
               Action outcome, String note) {
    }

    private static final String COLUMNS = """
            id, reporter_id, subject_type, subject_id, subject_member_id, excerpt, reason, details, status, created_at,
            resolved_at, resolved_by, outcome, note""";

    private final JdbcClient jdbc;

    ReportRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(long reporter, SubjectType type, long subjectId, Long subjectMember, String excerpt, Reason reason,
                String details, Instant now) {
        return jdbc.sql("""
                        INSERT INTO reports (reporter_id, subject_type, subject_id, subject_member_id, excerpt, reason,
                                             details, status, created_at)
                        VALUES (:reporter, :type, :subject, :member, :excerpt, :reason, :details, 'OPEN', :now)
                        RETURNING id""")
                .param("reporter", reporter).param("type", type.name()).param("subject", subjectId)
                .param("member", subjectMember).param("excerpt", excerpt).param("reason", reason.name())
                .param("details", details).param("now", now.toEpochMilli()).query(Long.class).single();
    }

    Optional<Row> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM reports WHERE id = :id").param("id", id).query(ReportRepository::row)
                .optional();
    }

    /** The reporter's own open report on a subject, if any: reporting twice adds nothing. */
    Optional<Row> findOpen(long reporter, SubjectType type, long subjectId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM reports"
                        + " WHERE reporter_id = :r AND subject_type = :t AND subject_id = :s AND status = 'OPEN'")
                .param("r", reporter).param("t", type.name()).param("s", subjectId).query(ReportRepository::row).optional();
    }

    List<Row> byReporter(long reporter, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM reports WHERE reporter_id = :r ORDER BY id DESC LIMIT :limit")
                .param("r", reporter).param("limit", limit).query(ReportRepository::row).list();
    }

    /** Reports in a status, oldest first (OPEN) or newest first (RESOLVED). */
    List<Row> byStatus(Status status, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM reports WHERE status = :s ORDER BY id "
                        + (status == Status.OPEN ? "ASC" : "DESC") + " LIMIT :limit")
                .param("s", status.name()).param("limit", limit).query(ReportRepository::row).list();
    }

    /** Resolves every open report on the subject at once; returns how many. */
    int resolveSubject(SubjectType type, long subjectId, long moderator, Action outcome, String note, Instant now) {
        return jdbc.sql("""
                        UPDATE reports SET status = 'RESOLVED', resolved_at = :now, resolved_by = :by, outcome = :outcome,
                                           note = :note
                        WHERE subject_type = :t AND subject_id = :s AND status = 'OPEN'""")
                .param("now", now.toEpochMilli()).param("by", moderator).param("outcome", outcome.name())
                .param("note", note).param("t", type.name()).param("s", subjectId).update();
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        long resolvedAt = rs.getLong("resolved_at");
        boolean resolved = !rs.wasNull();
        String outcome = rs.getString("outcome");
        return new Row(rs.getLong("id"), nullableLong(rs, "reporter_id"),
                SubjectType.valueOf(rs.getString("subject_type")), rs.getLong("subject_id"),
                nullableLong(rs, "subject_member_id"), rs.getString("excerpt"),
                Reason.valueOf(rs.getString("reason")), rs.getString("details"), Status.valueOf(rs.getString("status")),
                Instant.ofEpochMilli(rs.getLong("created_at")), resolved ? Instant.ofEpochMilli(resolvedAt) : null,
                nullableLong(rs, "resolved_by"), outcome == null ? null : Action.valueOf(outcome),
                rs.getString("note"));
    }
}
