package org.rapport.server.notification;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code notifications} table. */
@Repository
public class NotificationRepository {

    /** A stored notification before the actor is turned into a card. */
    public record Row(long id, NotificationKind kind, Long actorId, Long invitationId, Long postId, Instant createdAt,
                      boolean read, Long groupId) {
        public Row(long id, NotificationKind kind, Long actorId, Long invitationId, Long postId, Instant createdAt,
                   boolean read) {
            this(id, kind, actorId, invitationId, postId, createdAt, read, null);
        }
    }

    private final JdbcClient jdbc;
    private final org.springframework.jdbc.core.JdbcTemplate batch;

    public NotificationRepository(JdbcClient jdbc, org.springframework.jdbc.core.JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    public void insert(long memberId, NotificationKind kind, Long actorId, Long invitationId, Instant at) {
        insert(memberId, kind, actorId, invitationId, null, at);
    }

    public void insert(long memberId, NotificationKind kind, Long actorId, Long invitationId, Long postId, Instant at) {
        jdbc.sql("""
                        INSERT INTO notifications (member_id, kind, actor_id, invitation_id, post_id, created_at)
                        VALUES (:member, :kind, :actor, :inv, :post, :at)""")
                .param("member", memberId).param("kind", kind.name()).param("actor", actorId)
                .param("inv", invitationId).param("post", postId).param("at", at.toEpochMilli())
                .update();
    }

    /** Whether {@code actorId} gave {@code memberId} a notification of this kind at or after {@code since}. */
    public boolean existsSince(long memberId, NotificationKind kind, long actorId, Instant since) {
        return jdbc.sql("""
                        SELECT count(*) FROM notifications
                        WHERE member_id = :member AND kind = :kind AND actor_id = :actor AND created_at >= :since""")
                .param("member", memberId).param("kind", kind.name()).param("actor", actorId)
                .param("since", since.toEpochMilli()).query(Long.class).single() > 0;
    }

    /** A notification about a group (invited, request approved, a post awaiting approval). */
    public void insertForGroup(long memberId, NotificationKind kind, long actorId, long groupId, Instant at) {
        jdbc.sql("""
                        INSERT INTO notifications (member_id, kind, actor_id, group_id, created_at)
                        VALUES (:member, :kind, :actor, :group, :at)""")
                .param("member", memberId).param("kind", kind.name()).param("actor", actorId)
                .param("group", groupId).param("at", at.toEpochMilli())
                .update();
    }

    /** One notification of a kind about a post for each of {@code members} (fan-out of an update). */
    public void insertForPost(List<Long> members, NotificationKind kind, long actorId, long postId, Instant at) {
        if (members.isEmpty()) {
            return;
        }
        List<Object[]> rows = new java.util.ArrayList<>(members.size());
        for (long m : members) {
            rows.add(new Object[] {m, kind.name(), actorId, postId, at.toEpochMilli()});
        }
        batch.batchUpdate("""
                INSERT INTO notifications (member_id, kind, actor_id, post_id, created_at) VALUES (?, ?, ?, ?, ?)""",
                rows);
    }

    /** Per-kind preferences a member changed from the defaults. */
    public java.util.Map<NotificationKind, NotificationPreference> preferences(long memberId) {
        java.util.Map<NotificationKind, NotificationPreference> out = new java.util.EnumMap<>(NotificationKind.class);
        jdbc.sql("SELECT kind, in_app, email FROM notification_settings WHERE member_id = :m").param("m", memberId)
                .query((java.sql.ResultSet rs) -> {
                    try {
                        out.put(NotificationKind.valueOf(rs.getString(1)),
                                new NotificationPreference(rs.getBoolean(2), rs.getBoolean(3)));
                    } catch (IllegalArgumentException e) {
                        // a kind this version no longer has
                    }
                });
        return out;
    }

    public void savePreference(long memberId, NotificationKind kind, NotificationPreference p) {
        jdbc.sql("""
                        INSERT INTO notification_settings (member_id, kind, in_app, email) VALUES (:m, :k, :in, :em)
                        ON CONFLICT (member_id, kind) DO UPDATE SET in_app = excluded.in_app, email = excluded.email""")
                .param("m", memberId).param("k", kind.name()).param("in", p.inApp()).param("em", p.email()).update();
    }

    /** Of {@code members}, those who turned off in-app notifications of {@code kind}. */
    public java.util.Set<Long> optedOut(java.util.Collection<Long> members, NotificationKind kind) {
        java.util.Set<Long> out = new java.util.HashSet<>();
        List<Long> all = new java.util.ArrayList<>(members);
        for (int i = 0; i < all.size(); i += 500) {
            jdbc.sql("SELECT member_id FROM notification_settings WHERE kind = :k AND in_app = FALSE AND member_id IN (:ids)")
                    .param("k", kind.name()).param("ids", all.subList(i, Math.min(all.size(), i + 500)))
                    .query((java.sql.ResultSet rs) -> {
                        out.add(rs.getLong(1));
                    });
        }
        return out;
    }

    /** When the member's notification {@code id} was made (a page's cursor); far future when it is gone. */
    private long createdAt(long memberId, long id) {
        return jdbc.sql("SELECT created_at FROM notifications WHERE member_id = :member AND id = :id")
                .param("member", memberId).param("id", id).query(Long.class).optional().orElse(Long.MAX_VALUE);
    }

    /**
     * Newest first by the time they were made (ties by id), after the notification {@code beforeId}
     * (null for the first page): date order even where ids were handed out in another order
     * (PostgreSQL sequences across concurrent transactions).
     */
    public List<Row> page(long memberId, Long beforeId, int limit) {
        // Long.MAX_VALUE for the first page: a typed bound keeps one statement for both databases
        // (PostgreSQL cannot infer the type of an untyped "? IS NULL").
        return jdbc.sql("""
                        SELECT id, kind, actor_id, invitation_id, post_id, created_at, read_at, group_id FROM notifications n
                        WHERE member_id = :member AND (created_at < :beforeAt OR (created_at = :beforeAt AND id < :before))
                        ORDER BY created_at DESC, id DESC
                        LIMIT :limit""")
                .param("member", memberId).param("before", beforeId == null ? Long.MAX_VALUE : beforeId)
                .param("beforeAt", beforeId == null ? Long.MAX_VALUE : createdAt(memberId, beforeId))
                .param("limit", limit)
                .query((rs, n) -> new Row(
                        rs.getLong("id"),
                        NotificationKind.valueOf(rs.getString("kind")),
                        nullableLong(rs, "actor_id"),
                        nullableLong(rs, "invitation_id"),
                        nullableLong(rs, "post_id"),
                        Instant.ofEpochMilli(rs.getLong("created_at")),
                        rs.getObject("read_at") != null,
                        nullableLong(rs, "group_id")))
                .list();
    }

    public long unreadCount(long memberId) {
        return jdbc.sql("SELECT count(*) FROM notifications WHERE member_id = :member AND read_at IS NULL")
                .param("member", memberId).query(Long.class).single();
    }

    /** Unread counts of several members at once (members with none are left out). */
    public Map<Long, Long> unreadCounts(Collection<Long> memberIds) {
        Map<Long, Long> counts = new HashMap<>();
        if (memberIds.isEmpty()) {
            return counts;
        }
        jdbc.sql("SELECT member_id, count(*) FROM notifications WHERE member_id IN (:members) AND read_at IS NULL "
                        + "GROUP BY member_id")
                .param("members", memberIds).query(rs -> {
                    counts.put(rs.getLong(1), rs.getLong(2));
                });
        return counts;
    }

    public long count(long memberId) {
        return jdbc.sql("SELECT count(*) FROM notifications WHERE member_id = :member")
                .param("member", memberId).query(Long.class).single();
    }

    public int markAllRead(long memberId, Instant at) {
        return jdbc.sql("UPDATE notifications SET read_at = :at WHERE member_id = :member AND read_at IS NULL")
                .param("at", at.toEpochMilli()).param("member", memberId).update();
    }

    /** Marks notifications about one invitation as read (the member acted on it). */
    public void markReadForInvitation(long memberId, long invitationId, Instant at) {
        jdbc.sql("""
                        UPDATE notifications SET read_at = :at
                        WHERE member_id = :member AND invitation_id = :inv AND read_at IS NULL""")
                .param("at", at.toEpochMilli()).param("member", memberId).param("inv", invitationId).update();
    }

    /** Removes notifications of a kind about one invitation (a withdrawn invitation leaves no trace). */
    public void deleteForInvitation(long invitationId, NotificationKind kind) {
        jdbc.sql("DELETE FROM notifications WHERE invitation_id = :inv AND kind = :kind")
                .param("inv", invitationId).param("kind", kind.name()).update();
    }

    /** Deletes the notifications each of two members has about the other (after a block). */
    public int deleteBetween(long a, long b) {
        return jdbc.sql("""
                        DELETE FROM notifications
                        WHERE (member_id = :a AND actor_id = :b) OR (member_id = :b AND actor_id = :a)""")
                .param("a", a).param("b", b).update();
    }

    public Digest digest(long memberId) {
        return jdbc.sql("SELECT email_digest FROM members WHERE id = :m").param("m", memberId)
                .query(String.class).optional().map(Digest::valueOf).orElse(Digest.OFF);
    }

    public void setDigest(long memberId, Digest digest) {
        jdbc.sql("UPDATE members SET email_digest = :d WHERE id = :m").param("d", digest.name()).param("m", memberId)
                .update();
    }

    /** A member due a digest: who, where to, and since when to report. */
    /** A due digest; {@code lastSent} is the raw {@code digest_sent_at} (null: never), the claim compares it. */
    public record DigestDue(long memberId, String email, String firstName, Instant since, Long lastSent) {
    }

    /** Members whose digest of this frequency is due: never sent, or last sent before {@code sentBefore}. */
    public List<DigestDue> digestsDue(Digest digest, Instant sentBefore, Instant firstSince, int limit) {
        return jdbc.sql("""
                        SELECT id, email, first_name, digest_sent_at FROM members
                        WHERE email_digest = :d AND (digest_sent_at IS NULL OR digest_sent_at < :before)
                        ORDER BY id LIMIT :limit""")
                .param("d", digest.name()).param("before", sentBefore.toEpochMilli()).param("limit", limit)
                .query((rs, n) -> {
                    long sent = rs.getLong(4);
                    boolean never = rs.wasNull();
                    return new DigestDue(rs.getLong(1), rs.getString(2), rs.getString(3),
                            never ? firstSince : Instant.ofEpochMilli(sent), never ? null : sent);
                })
                .list();
    }

    /** Unread notifications of the given kinds after {@code since} and up to {@code until}, newest first. */
    public List<Row> unreadSince(long memberId, java.util.Collection<NotificationKind> kinds, Instant since,
                                 Instant until, int limit) {
        if (kinds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        SELECT id, kind, actor_id, invitation_id, post_id, created_at, read_at, group_id FROM notifications
                        WHERE member_id = :m AND read_at IS NULL AND created_at > :since AND created_at <= :until
                          AND kind IN (:kinds)
                        ORDER BY id DESC LIMIT :limit""")
                .param("m", memberId).param("since", since.toEpochMilli()).param("until", until.toEpochMilli())
                .param("kinds", kinds.stream().map(Enum::name).toList()).param("limit", limit)
                .query((rs, n) -> new Row(rs.getLong("id"), NotificationKind.valueOf(rs.getString("kind")),
                        nullableLong(rs, "actor_id"), nullableLong(rs, "invitation_id"),
                        nullableLong(rs, "post_id"), Instant.ofEpochMilli(rs.getLong("created_at")),
                        false, nullableLong(rs, "group_id")))
                .list();
    }

    /**
     * Claims member's digest for the period ending {@code at}: moves {@code digest_sent_at} on from
     * the value it was read with and records the delivery as SENDING, in one transaction. Exactly
     * one of several nodes racing for the same digest gets true.
     */
    public boolean claimDigest(DigestDue due, Instant at, String messageId, String nodeId) {
        int moved = jdbc.sql("""
                        UPDATE members SET digest_sent_at = :at
                        WHERE id = :m AND (digest_sent_at = :old OR (digest_sent_at IS NULL AND :never))""")
                .param("at", at.toEpochMilli()).param("m", due.memberId())
                .param("old", due.lastSent() == null ? -1L : due.lastSent()).param("never", due.lastSent() == null)
                .update();
        if (moved != 1) {
            return false;
        }
        return jdbc.sql("""
                        INSERT INTO digest_deliveries (member_id, period_start, period_end, status, message_id, node_id, claimed_at)
                        VALUES (:m, :from, :to, 'SENDING', :id, :node, :at) ON CONFLICT DO NOTHING""")
                .param("m", due.memberId()).param("from", due.since().toEpochMilli()).param("to", at.toEpochMilli())
                .param("id", messageId).param("node", nodeId).param("at", at.toEpochMilli()).update() == 1;
    }

    /** How a claimed digest ended: SENT, EMPTY (nothing to say) or FAILED (the mail server refused it). */
    public void finishDigest(long memberId, Instant periodStart, String status, Instant at) {
        jdbc.sql("""
                        UPDATE digest_deliveries SET status = :s, sent_at = :at
                        WHERE member_id = :m AND period_start = :from AND status = 'SENDING'""")
                .param("s", status).param("at", at.toEpochMilli()).param("m", memberId)
                .param("from", periodStart.toEpochMilli()).update();
    }

    /** A digest some node claimed and never finished (it stopped mid-send). */
    public record Interrupted(long memberId, String email, String firstName, Instant since, Instant until,
                              String messageId, long claimedAt) {
    }

    public List<Interrupted> interruptedDigests(Instant claimedBefore, int limit) {
        return jdbc.sql("""
                        SELECT d.member_id, m.email, m.first_name, d.period_start, d.period_end, d.message_id, d.claimed_at
                        FROM digest_deliveries d JOIN members m ON m.id = d.member_id
                        WHERE d.status = 'SENDING' AND d.claimed_at < :before ORDER BY d.claimed_at LIMIT :limit""")
                .param("before", claimedBefore.toEpochMilli()).param("limit", limit)
                .query((rs, n) -> new Interrupted(rs.getLong(1), rs.getString(2), rs.getString(3),
                        Instant.ofEpochMilli(rs.getLong(4)), Instant.ofEpochMilli(rs.getLong(5)), rs.getString(6),
                        rs.getLong(7)))
                .list();
    }

    /** Takes over an interrupted digest; true for exactly one of several nodes trying at once. */
    public boolean reclaimDigest(Interrupted d, Instant at, String nodeId) {
        return jdbc.sql("""
                        UPDATE digest_deliveries SET claimed_at = :at, node_id = :node
                        WHERE member_id = :m AND period_start = :from AND status = 'SENDING' AND claimed_at = :old""")
                .param("at", at.toEpochMilli()).param("node", nodeId).param("m", d.memberId())
                .param("from", d.since().toEpochMilli()).param("old", d.claimedAt()).update() == 1;
    }

    public void markDigestSent(long memberId, Instant at) {
        jdbc.sql("UPDATE members SET digest_sent_at = :at WHERE id = :m").param("at", at.toEpochMilli())
                .param("m", memberId).update();
    }

    /** sqlite-jdbc cannot read SQL NULL through getObject(column, Long.class); this works on both databases. */
    private static Long nullableLong(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }
}
