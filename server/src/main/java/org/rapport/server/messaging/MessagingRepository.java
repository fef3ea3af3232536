package org.rapport.server.messaging;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code conversations}, {@code conversation_members} and {@code messages} tables. */
@Repository
class MessagingRepository {

    private static final String CONVERSATION = """
            c.id, c.member_lo, c.member_hi, c.status, c.requester_id, c.declined_at, c.created_at, c.last_message_at""";
    private static final String MESSAGE = "m.id, m.conversation_id, m.sender_id, m.body, m.created_at";

    /** Which conversations a member's list shows: all but requests they received, and requests they declined. */
    private static final String MAIN_LIST = " (c.status IN ('OPEN', 'ACCEPTED') OR c.requester_id = :me)";
    private static final String REQUESTS = " (c.status = 'REQUEST' AND c.requester_id <> :me)";
    /** Everything but requests they declined: what counts towards their unread messages. */
    private static final String NOT_DECLINED_BY_ME = " NOT (c.status = 'DECLINED' AND c.requester_id <> :me)";

    /** One row of a member's list: the conversation, their side of it, the last message and the unread count. */
    record ListRow(Conversation conversation, long otherId, long lastActivity, Message last, long unread) {
    }

    private final JdbcClient jdbc;

    MessagingRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Conversation> find(long id) {
        return jdbc.sql("SELECT " + CONVERSATION + " FROM conversations c WHERE c.id = :id").param("id", id)
                .query(MessagingRepository::conversation).optional();
    }

    Optional<Conversation> findBetween(long a, long b) {
        return jdbc.sql("SELECT " + CONVERSATION + " FROM conversations c WHERE c.member_lo = :lo AND c.member_hi = :hi")
                .param("lo", Math.min(a, b)).param("hi", Math.max(a, b))
                .query(MessagingRepository::conversation).optional();
    }

    /**
     * The pair's conversation, created with {@code status} if there was none. A concurrent creator
     * waits on the unique index and then finds the winner's row.
     */
    Conversation findOrCreate(long a, long b, ConversationStatus status, Long requester, Instant now) {
        long lo = Math.min(a, b);
        long hi = Math.max(a, b);
        jdbc.sql("""
                        INSERT INTO conversations (member_lo, member_hi, status, requester_id, created_at, last_message_at)
                        VALUES (:lo, :hi, :status, :requester, :now, :now)
                        ON CONFLICT (member_lo, member_hi) DO NOTHING""")
                .param("lo", lo).param("hi", hi).param("status", status.name()).param("requester", requester)
                .param("now", now.toEpochMilli()).update();
        Conversation c = findBetween(lo, hi).orElseThrow();
        for (long[] side : new long[][] {{lo, hi}, {hi, lo}}) {
            jdbc.sql("""
                            INSERT INTO conversation_members (conversation_id, member_id, other_id, last_message_at)
                            VALUES (:c, :me, :other, :now) ON CONFLICT DO NOTHING""")
                    .param("c", c.id()).param("me", side[0]).param("other", side[1]).param("now", now.toEpochMilli())
                    .update();
        }
        return c;
    }

    /**
     * Locks the conversation's row for the rest of the transaction (an update that changes nothing),
     * so two senders' status changes to one conversation run one after the other on PostgreSQL as on
     * SQLite.
     */
    void lock(long id) {
        jdbc.sql("UPDATE conversations SET last_message_at = last_message_at WHERE id = :id").param("id", id).update();
    }

    void updateStatus(long id, ConversationStatus status, Long requester, Instant declinedAt) {
        jdbc.sql("UPDATE conversations SET status = :status, requester_id = :requester, declined_at = :declined WHERE id = :id")
                .param("status", status.name()).param("requester", requester)
                .param("declined", declinedAt == null ? null : declinedAt.toEpochMilli()).param("id", id).update();
    }

    /** Appends a message; both sides' lists move the conversation to the top; the sender has read it. */
    Message insertMessage(long conversationId, long sender, String text, Instant now) {
        long at = now.toEpochMilli();
        long id = jdbc.sql("""
                        INSERT INTO messages (conversation_id, sender_id, body, created_at)
                        VALUES (:c, :sender, :body, :at) RETURNING id""")
                .param("c", conversationId).param("sender", sender).param("body", text).param("at", at)
                .query(Long.class).single();
        jdbc.sql("UPDATE conversations SET last_message_at = :at WHERE id = :c").param("at", at).param("c", conversationId)
                .update();
        jdbc.sql("UPDATE conversation_members SET last_message_at = :at WHERE conversation_id = :c")
                .param("at", at).param("c", conversationId).update();
        markRead(conversationId, sender, id);
        return new Message(id, conversationId, sender, text, now);
    }

    boolean deleteMessage(long id) {
        return jdbc.sql("DELETE FROM messages WHERE id = :id").param("id", id).update() > 0;
    }

    /** Moves the member's read mark forward to {@code upTo} (never back); true when it moved. */
    boolean markRead(long conversationId, long member, long upTo) {
        return jdbc.sql("""
                        UPDATE conversation_members SET last_read_id = :upTo
                        WHERE conversation_id = :c AND member_id = :me AND last_read_id < :upTo""")
                .param("upTo", upTo).param("c", conversationId).param("me", member).update() > 0;
    }

    long lastMessageId(long conversationId) {
        return jdbc.sql("SELECT coalesce(max(id), 0) FROM messages WHERE conversation_id = :c")
                .param("c", conversationId).query(Long.class).single();
    }

    long lastReadId(long conversationId, long member) {
        return jdbc.sql("SELECT last_read_id FROM conversation_members WHERE conversation_id = :c AND member_id = :me")
                .param("c", conversationId).param("me", member).query(Long.class).optional().orElse(0L);
    }

    /** One page of a member's conversations (or received requests), latest activity first, before the position. */
    List<ListRow> list(long me, boolean requests, long beforeAt, long beforeId, int limit) {
        return jdbc.sql("SELECT " + CONVERSATION + ", cm.other_id, cm.last_message_at, " + MESSAGE + """
                        , (SELECT count(*) FROM messages u
                            WHERE u.conversation_id = c.id AND u.id > cm.last_read_id AND u.sender_id <> :me) AS unread
                         FROM conversation_members cm
                         JOIN conversations c ON c.id = cm.conversation_id
                         JOIN messages m ON m.id = (SELECT max(l.id) FROM messages l WHERE l.conversation_id = c.id)
                        WHERE cm.member_id = :me AND """ + (requests ? REQUESTS : MAIN_LIST) + """
                          AND (cm.last_message_at < :at OR (cm.last_message_at = :at AND cm.conversation_id < :id))
                        ORDER BY cm.last_message_at DESC, cm.conversation_id DESC LIMIT :limit""")
                .param("me", me).param("at", beforeAt).param("id", beforeId).param("limit", limit)
                .query((rs, n) -> new ListRow(conversation(rs, n), rs.getLong(9), rs.getLong(10),
                        new Message(rs.getLong(11), rs.getLong(12), rs.getLong(13), rs.getString(14),
                                Instant.ofEpochMilli(rs.getLong(15))), rs.getLong(16)))
                .list();
    }

    long count(long me, boolean requests) {
        return jdbc.sql("""
                        SELECT count(*) FROM conversation_members cm JOIN conversations c ON c.id = cm.conversation_id
                        WHERE cm.member_id = :me AND """ + (requests ? REQUESTS : MAIN_LIST))
                .param("me", me).query(Long.class).single();
    }

    /** Messages the member has not read, over every conversation but the requests they declined. */
    long unreadCount(long me) {
        return jdbc.sql("""
                        SELECT count(*) FROM conversation_members cm
                          JOIN conversations c ON c.id = cm.conversation_id
                          JOIN messages m ON m.conversation_id = cm.conversation_id
                        WHERE cm.member_id = :me AND m.id > cm.last_read_id AND m.sender_id <> :me AND """
                        + NOT_DECLINED_BY_ME)
                .param("me", me).query(Long.class).single();
    }

    long unreadIn(long conversationId, long me) {
        return jdbc.sql("""
                        SELECT count(*) FROM conversation_members cm
                          JOIN messages m ON m.conversation_id = cm.conversation_id
                        WHERE cm.conversation_id = :c AND cm.member_id = :me AND m.id > cm.last_read_id
                          AND m.sender_id <> :me""")
                .param("c", conversationId).param("me", me).query(Long.class).single();
    }

    /** A conversation's messages before {@code beforeId}, newest first. */
    List<Message> messagesBefore(long conversationId, long beforeId, int limit) {
        return jdbc.sql("SELECT " + MESSAGE + """
                         FROM messages m WHERE m.conversation_id = :c AND m.id < :before
                        ORDER BY m.id DESC LIMIT :limit""")
                .param("c", conversationId).param("before", beforeId).param("limit", limit)
                .query(MessagingRepository::message).list();
    }

    /** A conversation's messages after {@code afterId}, oldest first (what arrived since a page was drawn). */
    List<Message> messagesAfter(long conversationId, long afterId, int limit) {
        return jdbc.sql("SELECT " + MESSAGE + """
                         FROM messages m WHERE m.conversation_id = :c AND m.id > :after
                        ORDER BY m.id LIMIT :limit""")
                .param("c", conversationId).param("after", afterId).param("limit", limit)
                .query(MessagingRepository::message).list();
    }

    /** How many messages the member sent since {@code since}, and when the oldest of them went. */
    long[] sentSince(long sender, Instant since) {
        return jdbc.sql("SELECT count(*), coalesce(min(created_at), 0) FROM messages WHERE sender_id = :s AND created_at > :since")
                .param("s", sender).param("since", since.toEpochMilli())
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}).single();
    }

    /** Deletes the pair's conversation and its messages (after a block). */
    boolean deleteBetween(long a, long b) {
        return jdbc.sql("DELETE FROM conversations WHERE member_lo = :lo AND member_hi = :hi")
                .param("lo", Math.min(a, b)).param("hi", Math.max(a, b)).update() > 0;
    }

    static Conversation conversation(ResultSet rs, int n) throws SQLException {
        long requester = rs.getLong(5);
        Long requesterId = rs.wasNull() ? null : requester;
        long declined = rs.getLong(6);
        Instant declinedAt = rs.wasNull() ? null : Instant.ofEpochMilli(declined);
        return new Conversation(rs.getLong(1), rs.getLong(2), rs.getLong(3), ConversationStatus.valueOf(rs.getString(4)),
                requesterId, declinedAt, Instant.ofEpochMilli(rs.getLong(7)), Instant.ofEpochMilli(rs.getLong(8)));
    }

    static Message message(ResultSet rs, int n) throws SQLException {
        return new Message(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), Instant.ofEpochMilli(rs.getLong(5)));
    }
}
