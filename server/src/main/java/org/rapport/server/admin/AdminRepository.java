package org.rapport.server.admin;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.rapport.server.account.AccountService;
import org.rapport.server.account.AccountStanding;
import org.rapport.server.system.Cursor;
import org.rapport.server.system.PageRequest;
import org.rapport.server.system.Text;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The administration's columns of {@code members} (role, suspension, waiting for approval),
 * {@code audit_log} and {@code site_settings}.
 */
@Repository
class AdminRepository {

    /** A member as the administration sees them. */
    record MemberRow(long id, String email, String firstName, String lastName, Role role, MemberStatus status,
                     Instant suspendedUntil, String suspensionReason, Instant createdAt) {

        String name() {
            return lastName.isEmpty() ? firstName : firstName + " " + lastName;
        }

        /** How the audit log names them. */
        String label() {
            return "member " + id + " (" + name() + " <" + email + ">)";
        }
    }

    /** One line of the audit log. */
    record AuditRow(long id, Instant at, long actorId, String actor, String action, String subject, String reason) {
    }

    private final JdbcClient jdbc;

    AdminRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private static final String MEMBER_COLUMNS =
            "id, email, first_name, last_name, role, password_hash, suspended_until, suspension_reason, created_at,"
                    + " approval_requested_at";

    Optional<MemberRow> findMember(long id, long now) {
        return jdbc.sql("SELECT " + MEMBER_COLUMNS + " FROM members WHERE id = :id").param("id", id)
                .query((rs, n) -> row(rs, now)).optional();
    }

    Role role(long id) {
        return jdbc.sql("SELECT role FROM members WHERE id = :id").param("id", id).query(String.class).optional()
                .map(Role::valueOf).orElse(Role.MEMBER);
    }

    boolean setRole(long id, Role role) {
        return jdbc.sql("UPDATE members SET role = :role WHERE id = :id").param("role", role.name()).param("id", id)
                .update() > 0;
    }

    long countAdmins() {
        return jdbc.sql("SELECT count(*) FROM members WHERE role = 'ADMIN'").query(Long.class).single();
    }

    boolean suspend(long id, long until, String reason) {
        return jdbc.sql("UPDATE members SET suspended_until = :until, suspension_reason = :reason WHERE id = :id")
                .param("until", until).param("reason", reason).param("id", id).update() > 0;
    }

    boolean unsuspend(long id) {
        return jdbc.sql("UPDATE members SET suspended_until = NULL, suspension_reason = NULL WHERE id = :id")
                .param("id", id).update() > 0;
    }

    /**
     * Holds a new sign-up for an administrator's approval: suspended without an end (so it cannot
     * sign in and is hidden, as a suspension hides) and marked as waiting.
     */
    void holdForApproval(long id, long now) {
        jdbc.sql("""
                        UPDATE members SET suspended_until = :until, suspension_reason = 'Waiting for approval',
                               approval_requested_at = :now WHERE id = :id""")
                .param("until", AccountStanding.INDEFINITE).param("now", now).param("id", id).update();
    }

    /** Lets a sign-up in; false when it was not waiting (already decided, or never held). */
    boolean approve(long id) {
        return jdbc.sql("""
                        UPDATE members SET suspended_until = NULL, suspension_reason = NULL, approval_requested_at = NULL
                        WHERE id = :id AND approval_requested_at IS NOT NULL""")
                .param("id", id).update() > 0;
    }

    /** A sign-up waiting for approval. */
    record SignUpRequestRow(long id, String email, String firstName, String lastName, Instant requestedAt) {
    }

    /** Sign-ups waiting for approval, oldest first, one page (one row more than the limit says there is a next page). */
    List<SignUpRequestRow> signUpRequests(PageRequest page) {
        StringBuilder sql = new StringBuilder("""
                SELECT id, email, first_name, last_name, approval_requested_at FROM members
                WHERE approval_requested_at IS NOT NULL""");
        Map<String, Object> params = new HashMap<>();
        if (page.cursor() != null) {
            sql.append(" AND id > :after");
            params.put("after", Cursor.parseLong(Cursor.decode(page.cursor(), "signup-requests", 1).get(0)));
        }
        sql.append(" ORDER BY id LIMIT :limit");
        params.put("limit", page.limit() + 1);
        return jdbc.sql(sql.toString()).params(params).query((rs, n) -> new SignUpRequestRow(rs.getLong("id"),
                rs.getString("email"), rs.getString("first_name"), rs.getString("last_name"),
                Instant.ofEpochMilli(rs.getLong("approval_requested_at")))).list();
    }

    long signUpRequestCount() {
        return jdbc.sql("SELECT count(*) FROM members WHERE approval_requested_at IS NOT NULL").query(Long.class).single();
    }

    /**
     * Members whose name or address contains {@code q} (any case), in one status or all, newest
     * first, one page (one row more than the limit says there is a next page).
     */
    List<MemberRow> findMembers(String q, MemberStatus status, long now, PageRequest page) {
        StringBuilder sql = new StringBuilder("SELECT " + MEMBER_COLUMNS + " FROM members WHERE 1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (q != null && !q.isBlank()) {
            sql.append(" AND (lower(email) LIKE :raw ESCAPE '\\' OR sort_first || ' ' || sort_last LIKE :key ESCAPE '\\'"
                    + " OR sort_last LIKE :key ESCAPE '\\')");
            params.put("raw", Text.likeContains(q.strip().toLowerCase(java.util.Locale.ROOT)));
            params.put("key", Text.likeContains(Text.key(q)));
        }
        if (status != null) {
            params.put("now", now);
            params.put("noPassword", AccountService.NO_PASSWORD);
            sql.append(switch (status) {
                case AWAITING_APPROVAL -> " AND approval_requested_at IS NOT NULL";
                case SUSPENDED -> " AND suspended_until > :now AND approval_requested_at IS NULL";
                case IMPORTED -> " AND (suspended_until IS NULL OR suspended_until <= :now) AND password_hash = :noPassword";
                case ACTIVE -> " AND (suspended_until IS NULL OR suspended_until <= :now) AND password_hash <> :noPassword";
                case UNVERIFIED -> " AND (suspended_until IS NULL OR suspended_until <= :now) AND password_hash <> :noPassword"
                        + " AND email_verified_at IS NULL";
            });
        }
        if (page.cursor() != null) {
            sql.append(" AND id < :after");
            params.put("after", Cursor.parseLong(Cursor.decode(page.cursor(), "admin-members", 1).get(0)));
        }
        sql.append(" ORDER BY id DESC LIMIT :limit");
        params.put("limit", page.limit() + 1);
        return jdbc.sql(sql.toString()).params(params).query((rs, n) -> row(rs, now)).list();
    }

    private static MemberRow row(java.sql.ResultSet rs, long now) throws java.sql.SQLException {
        rs.getLong("approval_requested_at");
        boolean awaiting = !rs.wasNull();
        long until = rs.getLong("suspended_until");
        boolean suspended = !awaiting && !rs.wasNull() && until > now;
        MemberStatus status = awaiting ? MemberStatus.AWAITING_APPROVAL : suspended ? MemberStatus.SUSPENDED
                : AccountService.NO_PASSWORD.equals(rs.getString("password_hash")) ? MemberStatus.IMPORTED
                : MemberStatus.ACTIVE;
        return new MemberRow(rs.getLong("id"), rs.getString("email"), rs.getString("first_name"),
                rs.getString("last_name"), Role.valueOf(rs.getString("role")), status,
                !suspended || until == AccountStanding.INDEFINITE ? null : Instant.ofEpochMilli(until),
                suspended ? rs.getString("suspension_reason") : null, Instant.ofEpochMilli(rs.getLong("created_at")));
    }

    void audit(Instant at, Actor actor, String action, String subject, String reason) {
        jdbc.sql("""
                        INSERT INTO audit_log (at, actor_id, actor, action, subject, reason)
                        VALUES (:at, :actorId, :actor, :action, :subject, :reason)""")
                .param("at", at.toEpochMilli()).param("actorId", actor.memberId()).param("actor", actor.label())
                .param("action", action).param("subject", subject).param("reason", reason == null ? "" : reason)
                .update();
    }

    /** The audit log, newest first, one page (one row more than the limit says there is a next page). */
    List<AuditRow> auditPage(PageRequest page) {
        StringBuilder sql = new StringBuilder("SELECT id, at, actor_id, actor, action, subject, reason FROM audit_log");
        Map<String, Object> params = new HashMap<>();
        if (page.cursor() != null) {
            sql.append(" WHERE id < :after");
            params.put("after", Cursor.parseLong(Cursor.decode(page.cursor(), "audit", 1).get(0)));
        }
        sql.append(" ORDER BY id DESC LIMIT :limit");
        params.put("limit", page.limit() + 1);
        return jdbc.sql(sql.toString()).params(params).query((rs, n) -> new AuditRow(rs.getLong("id"),
                Instant.ofEpochMilli(rs.getLong("at")), rs.getLong("actor_id"), rs.getString("actor"),
                rs.getString("action"), rs.getString("subject"), rs.getString("reason"))).list();
    }

    long auditCount() {
        return jdbc.sql("SELECT count(*) FROM audit_log").query(Long.class).single();
    }

    Map<String, String> settings() {
        Map<String, String> all = new LinkedHashMap<>();
        jdbc.sql("SELECT name, value FROM site_settings").query(rs -> {
            all.put(rs.getString("name"), rs.getString("value"));
        });
        return all;
    }

    void putSetting(String name, String value) {
        jdbc.sql("""
                        INSERT INTO site_settings (name, value) VALUES (:name, :value)
                        ON CONFLICT (name) DO UPDATE SET value = excluded.value""")
                .param("name", name).param("value", value).update();
    }
}
