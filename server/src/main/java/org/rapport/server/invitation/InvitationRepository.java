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
    public enum ReceivedView {
        /** What the recipient acts on: not snoozed, not filtered by their settings. */
        ACTIVE,
        /** Snoozed until a later day. */
        SNOOZED,
        /** Kept out of the list by the recipient's settings (I2, B6), snoozed or not. */
        FILTERED
    }

    /** Invitations of one page and the cursor of the next. */
    public record Slice(List<Invitation> items, String nextCursor) {
    }

    private static final String COLUMNS = """
            id, sender_id, recipient_id, note, status, ignore_reason, created_at, expires_at, snoozed_until,
            responded_at, closed_at, filtered_reason""";

    private final JdbcClient jdbc;

    public InvitationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long insert(long sender, long recipient, String note, Instant createdAt, Instant expiresAt) {
        return insert(sender, recipient, note, createdAt, expiresAt, null);
    }

    public long insert(long sender, long recipient, String note, Instant createdAt, Instant expiresAt,
                       FilterReason filtered) {
        return jdbc.sql("""
                        INSERT INTO invitations (sender_id, recipient_id, member_lo, member_hi, note, status,
                                                 created_at, expires_at, filtered_reason)
                        VALUES (:sender, :recipient, :lo, :hi, :note, 'PENDING', :created, :expires, :filtered)
                        RETURNING id""")
                .param("filtered", filtered == null ? null : filtered.name())
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

    /** Closes the live invitation between two members, either way, as cancelled (after a block). */
    public int cancelLive(long a, long b, Instant now) {
        return jdbc.sql("""
                        UPDATE invitations SET status = 'CANCELLED', closed_at = :now
                        WHERE member_lo = :lo AND member_hi = :hi AND status IN ('PENDING', 'IGNORED')""")
                .param("now", now.toEpochMilli()).param("lo", Math.min(a, b)).param("hi", Math.max(a, b))
                .update();
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

    /**
     * What became of the invitations a sender created since {@code windowStart}, for the quota
     * ({@link InvitationQuota}), and how many they created in the last week and day.
     */
    public record SenderHistory(long accepted, long ignored, long dontKnow, long spam, long stale,
                                long lastWeek, Instant oldestLastWeek, long lastDay, Instant oldestLastDay) {

        /** With other invitations sent in the week and the day (e-mail invitations to non-members). */
        public SenderHistory plusSent(long week, long day) {
            return new SenderHistory(accepted, ignored, dontKnow, spam, stale, lastWeek + week, oldestLastWeek,
                    lastDay + day, oldestLastDay);
        }
    }

    public SenderHistory history(long sender, Instant windowStart, java.time.Duration staleAfter, Instant weekStart,
                                 Instant dayStart, Instant now) {
        return jdbc.sql("""
                        SELECT
                          coalesce(sum(CASE WHEN status = 'ACCEPTED' THEN 1 ELSE 0 END), 0),
                          coalesce(sum(CASE WHEN status <> 'ACCEPTED' AND responded_at IS NOT NULL
                                             AND ignore_reason IS NULL THEN 1 ELSE 0 END), 0),
                          coalesce(sum(CASE WHEN ignore_reason = 'DONT_KNOW' THEN 1 ELSE 0 END), 0),
                          coalesce(sum(CASE WHEN ignore_reason = 'SPAM' THEN 1 ELSE 0 END), 0),
                          coalesce(sum(CASE WHEN responded_at IS NULL AND status NOT IN ('ACCEPTED', 'CANCELLED')
                                             AND coalesce(closed_at, :now) - created_at > :stale
                                        THEN 1 ELSE 0 END), 0),
                          coalesce(sum(CASE WHEN created_at > :week THEN 1 ELSE 0 END), 0),
                          min(CASE WHEN created_at > :week THEN created_at END),
                          coalesce(sum(CASE WHEN created_at > :day THEN 1 ELSE 0 END), 0),
                          min(CASE WHEN created_at > :day THEN created_at END)
                        FROM invitations WHERE sender_id = :sender AND created_at > :window""")
                .param("sender", sender).param("window", windowStart.toEpochMilli())
                .param("stale", staleAfter.toMillis()).param("now", now.toEpochMilli())
                .param("week", weekStart.toEpochMilli()).param("day", dayStart.toEpochMilli())
                .query((rs, n) -> new SenderHistory(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5), rs.getLong(6), instantOrNull(rs, 7), rs.getLong(8), instantOrNull(rs, 9)))
                .single();
    }

    /** When the oldest of the sender's open invitations expires (the pending cap frees a slot then). */
    public Optional<Instant> oldestOpenExpiry(long sender, Instant now) {
        return jdbc.sql("""
                        SELECT min(expires_at) FROM invitations
                        WHERE sender_id = :sender AND status IN ('PENDING', 'IGNORED') AND expires_at > :now""")
                .param("sender", sender).param("now", now.toEpochMilli())
                .query((rs, n) -> instantOrNull(rs, 1)).optional().filter(java.util.Objects::nonNull);
    }

    /** A member the sender withdrew an invitation to, and when. */
    public record Withdrawal(long recipientId, Instant at) {
    }

    /** The sender's withdrawals since {@code since}, newest first. */
    public List<Withdrawal> withdrawalsSince(long sender, Instant since) {
        return jdbc.sql("""
                        SELECT recipient_id, max(closed_at) FROM invitations
                        WHERE sender_id = :sender AND status = 'WITHDRAWN' AND closed_at > :since
                        GROUP BY recipient_id ORDER BY max(closed_at) DESC""")
                .param("sender", sender).param("since", since.toEpochMilli())
                .query((rs, n) -> new Withdrawal(rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2)))).list();
    }

    private static Instant instantOrNull(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    public Slice received(long recipient, ReceivedView view, Instant now, PageRequest page) {
        return slice("WHERE recipient_id = :member AND status = 'PENDING' AND expires_at > :now" + viewCondition(view),
                "r-" + view.name(), recipient, now, page);
    }

    public long countReceived(long recipient, ReceivedView view, Instant now) {
        return jdbc.sql("SELECT count(*) FROM invitations"
                        + " WHERE recipient_id = :member AND status = 'PENDING' AND expires_at > :now" + viewCondition(view))
                .param("member", recipient).param("now", now.toEpochMilli())
                .query(Long.class).single();
    }

    private static String viewCondition(ReceivedView view) {
        return switch (view) {
            case ACTIVE -> " AND filtered_reason IS NULL AND (snoozed_until IS NULL OR snoozed_until <= :now)";
            case SNOOZED -> " AND filtered_reason IS NULL AND snoozed_until > :now";
            case FILTERED -> " AND filtered_reason IS NOT NULL";
        };
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
        String filtered = rs.getString("filtered_reason");
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
                instant(rs, "closed_at"),
                filtered == null ? null : FilterReason.valueOf(filtered));
    }
}
