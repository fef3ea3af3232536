package org.rapport.server.notification;

import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code notifications} table. */
@Repository
public class NotificationRepository {

    /** A stored notification before the actor is turned into a card. */
    public record Row(long id, NotificationKind kind, Long actorId, Long invitationId, Instant createdAt,
                      boolean read) {
    }

    private final JdbcClient jdbc;

    public NotificationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(long memberId, NotificationKind kind, Long actorId, Long invitationId, Instant at) {
        jdbc.sql("""
                        INSERT INTO notifications (member_id, kind, actor_id, invitation_id, created_at)
                        VALUES (:member, :kind, :actor, :inv, :at)""")
                .param("member", memberId).param("kind", kind.name()).param("actor", actorId)
                .param("inv", invitationId).param("at", at.toEpochMilli())
                .update();
    }

    /** Newest first, ids below {@code beforeId} (null for the first page). */
    public List<Row> page(long memberId, Long beforeId, int limit) {
        // Long.MAX_VALUE for the first page: a typed bound keeps one statement for both databases
        // (PostgreSQL cannot infer the type of an untyped "? IS NULL").
        return jdbc.sql("""
                        SELECT id, kind, actor_id, invitation_id, created_at, read_at FROM notifications
                        WHERE member_id = :member AND id < :before
                        ORDER BY id DESC
                        LIMIT :limit""")
                .param("member", memberId).param("before", beforeId == null ? Long.MAX_VALUE : beforeId)
                .param("limit", limit)
                .query((rs, n) -> new Row(
                        rs.getLong("id"),
                        NotificationKind.valueOf(rs.getString("kind")),
                        (Long) rs.getObject("actor_id", Long.class),
                        (Long) rs.getObject("invitation_id", Long.class),
                        Instant.ofEpochMilli(rs.getLong("created_at")),
                        rs.getObject("read_at") != null))
                .list();
    }

    public long unreadCount(long memberId) {
        return jdbc.sql("SELECT count(*) FROM notifications WHERE member_id = :member AND read_at IS NULL")
                .param("member", memberId).query(Long.class).single();
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
}
