package org.rapport.server.invitation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.rapport.server.system.Cursor;
import org.rapport.server.system.PageRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code invitations} table. State changes are conditional updates on the expected status, so
 * two racing transitions of one invitation (two accepts, accept against withdraw) cannot both win.
 */
@Repository
public class InvitationRepository {

    /** Which slice of received invitations to list. */
    public enum ReceivedView { ACTIVE, SNOOZED }

    /** Invitations of one page and the cursor of the next. */
    public record Slice(List<Invitation> items, String nextCursor) {
    }

    private static final String COLUMNS = """
            id, sender_id, recipient_id, note, status, ignore_reason, created_at, expires_at, snoozed_until,
            responded_at, closed_at""";

    private final JdbcClient jdbc;

    public InvitationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long insert(long sender, long recipient, String note, Instant createdAt, Instant expiresAt) {
        return jdbc.sql("""
                        INSERT INTO invitations (sender_id, recipient_id, member_lo, member_hi, note, status,
                                                 created_at, expires_at)
                        VALUES (:sender, :recipient, :lo, :hi, :note, 'PENDING', :created, :expires)
                        RETURNING id""")
                .param("sender", sender).param("recipient", recipient)
                .param("lo", Math.min(sender, recipient)).param("hi", Math.max(sender, recipient))
                .param("note", note).param("created", createdAt.toEpochMilli())
                .param("expires", expiresAt.toEpochMilli())
                .query(Long.class).single();
    }

    public Optional<Invitation> findById(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM invitations WHERE id = :id").param("id", id)
                .query(InvitationRepository::invitation).optional();
    }

    /** The live (PENDING or IGNORED) invitation between two members, in either direction. */
    public Optional<Invitation> findLive(long a, long b) {
        return jdbc.sql("SELECT " + COLUMNS + """
                         FROM invitations
                        WHERE member_lo = :lo AND member_hi = :hi AND status IN ('PENDING', 'IGNORED')""")
                .param("lo", Math.min(a, b)).param("hi", Math.max(a, b))
                .query(InvitationRepository::invitation).optional();
    }

    /**
     * Writes {@code after} over {@code before} if the stored status is still {@code before}'s; false
     * when another transaction changed it first.
     */
    public boolean transition(Invitation before, Invitation after) {
        return jdbc.sql("""
                        UPDATE invitations
                        SET status = :status, ignore_reason = :reason, snoozed_until = :snooze,
                            responded_at = :responded, closed_at = :closed
                        WHERE id = :id AND status = :expected""")
                .param("status", after.status().name())
                .param("reason", after.ignoreReason() == null ? null : after.ignoreReason().name())
                .param("snooze", millis(after.snoozedUntil()))
                .param("responded", millis(after.respondedAt()))
                .param("closed", millis(after.closedAt()))
                .param("id", before.id())
                .param("expected", before.status().name())
                .update() == 1;
    }

    /** Marks every live invitation past its expiry as EXPIRED; returns how many. */
    public int expireDue(Instant now) {
        return jdbc.sql("""
                        UPDATE invitations SET status = 'EXPIRED', closed_at = :now
                        WHERE status IN ('PENDING', 'IGNORED') AND expires_at <= :now""")
                .param("now", now.toEpochMilli()).update();
    }

    /** Expires the pair's live invitation if it is past its expiry (before a new one is sent). */
    public int expireDue(long a, long b, Instant now) {
        return jdbc.sql("""
                        UPDATE invitations SET status = 'EXPIRED', closed_at = :now
                        WHERE member_lo = :lo AND member_hi = :hi
                          AND status IN ('PENDING', 'IGNORED') AND expires_at <= :now""")
                .param("now", now.toEpochMilli())
                .param("lo", Math.min(a, b)).param("hi", Math.max(a, b))
                .update();
    }

    /**
     * Everyone the member should not be suggested to or shown as a suggestion: a live invitation
     * either way, or an invitation either way that was ignored (whatever became of it later).
     */
    public java.util.Set<Long> suggestionBlockers(long member, Instant now) {
        java.util.Set<Long> ids = new java.util.HashSet<>();
        jdbc.sql("""
                        SELECT sender_id, recipient_id FROM invitations
                        WHERE (sender_id = :m OR recipient_id = :m)
                          AND ((status IN ('PENDING', 'IGNORED') AND expires_at > :now)
                               OR (status <> 'ACCEPTED' AND responded_at IS NOT NULL))""")
                .param("m", member).param("now", now.toEpochMilli())
                .query((ResultSet rs) -> {
                    long a = rs.getLong(1);
                    ids.add(a == member ? rs.getLong(2) : a);
                });
        return ids;
    }

    /** When the sender last withdrew an invitation to this recipient. */
    public Optional<Instant> lastWithdrawal(long sender, long recipient) {
        return jdbc.sql("""
                        SELECT closed_at FROM invitations
                        WHERE sender_id = :sender AND recipient_id = :recipient AND status = 'WITHDRAWN'
                        ORDER BY closed_at DESC
                        LIMIT 1""")
                .param("sender", sender).param("recipient", recipient)
                .query((rs, n) -> Instant.ofEpochMilli(rs.getLong(1)))
                .optional();
    }

    /** How many invitations the sender created after {@code since}, and the oldest of them. */
    public record SentSince(long count, Instant oldest) {
    }

    public SentSince sentSince(long sender, Instant since) {
        return jdbc.sql("""
                        SELECT count(*), min(created_at) FROM invitations
                        WHERE sender_id = :sender AND created_at > :since""")
                .param("sender", sender).param("since", since.toEpochMilli())
                .query((rs, n) -> {
                    long count = rs.getLong(1);
                    long oldest = rs.getLong(2);
                    return new SentSince(count, rs.wasNull() ? null : Instant.ofEpochMilli(oldest));
                })
                .single();
    }

    public Slice received(long recipient, ReceivedView view, Instant now, PageRequest page) {
        String snooze = view == ReceivedView.ACTIVE
                ? " AND (snoozed_until IS NULL OR snoozed_until <= :now)"
                : " AND snoozed_until > :now";
        return slice("""
                WHERE recipient_id = :member AND status = 'PENDING' AND expires_at > :now""" + snooze,
                "r-" + view.name(), recipient, now, page);
    }

    public long countReceived(long recipient, ReceivedView view, Instant now) {
        String snooze = view == ReceivedView.ACTIVE
                ? " AND (snoozed_until IS NULL OR snoozed_until <= :now)"
                : " AND snoozed_until > :now";
        return jdbc.sql("""
                        SELECT count(*) FROM invitations
                        WHERE recipient_id = :member AND status = 'PENDING' AND expires_at > :now""" + snooze)
                .param("member", recipient).param("now", now.toEpochMilli())
                .query(Long.class).single();
    }

    /** The sender's open invitations; ignored ones included, as the sender must not tell them apart. */
    public Slice sent(long sender, Instant now, PageRequest page) {
        return slice("""
                WHERE sender_id = :member AND status IN ('PENDING', 'IGNORED') AND expires_at > :now""",
                "s", sender, now, page);
    }

    public long countSent(long sender, Instant now) {
        return jdbc.sql("""
                        SELECT count(*) FROM invitations
                        WHERE sender_id = :member AND status IN ('PENDING', 'IGNORED') AND expires_at > :now""")
                .param("member", sender).param("now", now.toEpochMilli())
                .query(Long.class).single();
    }

    private Slice slice(String where, String cursorKind, long member, Instant now, PageRequest page) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM invitations " + where);
        var params = new java.util.HashMap<String, Object>();
        params.put("member", member);
        params.put("now", now.toEpochMilli());
        if (page.cursor() != null) {
            List<String> k = Cursor.decode(page.cursor(), cursorKind, 2);
            sql.append(" AND (created_at < :k1 OR (created_at = :k1 AND id < :k2))");
            params.put("k1", Cursor.parseLong(k.get(0)));
            params.put("k2", Cursor.parseLong(k.get(1)));
        }
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT :limit");
        params.put("limit", page.limit() + 1);
        List<Invitation> items = new ArrayList<>(jdbc.sql(sql.toString()).params(params)
                .query(InvitationRepository::invitation).list());
        String next = null;
        if (items.size() > page.limit()) {
            items.remove(items.size() - 1);
            Invitation last = items.get(items.size() - 1);
            next = Cursor.encode(cursorKind, last.createdAt().toEpochMilli(), last.id());
        }
        return new Slice(items, next);
    }

    private static Long millis(Instant i) {
        return i == null ? null : i.toEpochMilli();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    static Invitation invitation(ResultSet rs, int n) throws SQLException {
        String reason = rs.getString("ignore_reason");
        return new Invitation(
                rs.getLong("id"),
                rs.getLong("sender_id"),
                rs.getLong("recipient_id"),
                rs.getString("note"),
                InvitationStatus.valueOf(rs.getString("status")),
                reason == null ? null : IgnoreReason.valueOf(reason),
                instant(rs, "created_at"),
                instant(rs, "expires_at"),
                instant(rs, "snoozed_until"),
                instant(rs, "responded_at"),
                instant(rs, "closed_at"));
    }
}
