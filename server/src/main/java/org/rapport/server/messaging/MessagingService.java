package org.rapport.server.messaging;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.rapport.server.member.Member;
import org.rapport.server.member.MemberNotFoundException;
import org.rapport.server.member.MemberRepository;
import org.rapport.server.member.MemberSummary;
import org.rapport.server.network.NetworkService;
import org.rapport.server.notification.NotificationHub;
import org.rapport.server.notification.NotificationKind;
import org.rapport.server.notification.NotificationService;
import org.rapport.server.privacy.BlockService;
import org.rapport.server.privacy.MemberBlocked;
import org.rapport.server.privacy.MessagesFrom;
import org.rapport.server.privacy.PrivacyService;
import org.rapport.server.system.Cursor;
import org.rapport.server.system.Page;
import org.rapport.server.system.PageRequest;
import org.rapport.server.system.Text;
import org.rapport.server.system.ValidationException;
import org.rapport.server.web.Dates;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Messaging (G1, G2): one conversation per pair of members.
 *
 * <p><b>Who may write to whom.</b> A block either way hides the other member entirely (404, as
 * everywhere), and blocking deletes the pair's conversation. Otherwise a member may write when:
 * the two are connected (the conversation is OPEN); the conversation is ACCEPTED (the recipient
 * accepted the request, so it stays open whatever becomes of the connection); they are answering a
 * request they received (answering accepts it); or the recipient's {@code messagesFrom} setting is
 * ANYONE, or GROUP_MEMBERS and the two share a group, in which case the message is a request: it waits in the recipient's requests, and the
 * sender may not write again until it is answered. A declined request cannot be sent again for
 * {@link #REQUEST_COOLDOWN}. Everything else is a 403 with the reason in words.
 *
 * <p><b>Limits.</b> Text is required and at most {@value #MAX_LENGTH} characters (code points);
 * a member may send at most {@value #MAX_PER_MINUTE} messages in any minute (counted in the
 * database, so every node agrees), then 429 with Retry-After.
 *
 * <p><b>Read state and delivery.</b> Each member's side of a conversation holds the id of the
 * newest message they have read; unread counts are the messages after it from the other member.
 * After the sending transaction commits, both members' open pages and API streams receive a
 * {@code message} event on the notification stream with the new unread count; the recipient's
 * page announces it unless they turned in-app {@link NotificationKind#MESSAGE} off. Messages are
 * not stored as notifications: the messaging page is where they are read.
 *
 * <p><b>Lists.</b> Keyset-paginated on (last activity, id), latest first; a thread's messages
 * newest first, pages going back in time.
 */
@Service
public class MessagingService {

    public static final int MAX_LENGTH = 2000;
    public static final int MAX_PER_MINUTE = 30;
    public static final Duration REQUEST_COOLDOWN = Duration.ofDays(21);
    private static final Duration RATE_WINDOW = Duration.ofMinutes(1);

    /** What a stream receives when a message arrives or is read (event name {@code message}). */
    public record MessageEvent(String conversationId, String messageId, String senderName, String preview,
                               boolean request, boolean mine, boolean announce, long unreadMessages) {
    }

    /** A message sent, and the conversation it went into as the sender now sees it. */
    public record Sent(ConversationSummary conversation, Message message) {
    }

    private final MessagingRepository repository;
    private final MemberRepository members;
    private final NetworkService network;
    private final BlockService blocks;
    private final PrivacyService privacy;
    private final NotificationService notifications;
    private final NotificationHub hub;
    private final TransactionTemplate tx;
    private final Clock clock;

    public MessagingService(MessagingRepository repository, MemberRepository members, NetworkService network,
                            BlockService blocks, PrivacyService privacy, NotificationService notifications,
                            NotificationHub hub, TransactionTemplate tx, Clock clock) {
        this.repository = repository;
        this.members = members;
        this.network = network;
        this.blocks = blocks;
        this.privacy = privacy;
        this.notifications = notifications;
        this.hub = hub;
        this.tx = tx;
        this.clock = clock;
    }

    /** Writes to {@code other}: into our conversation if there is one, else a new one (or a request). */
    public Sent start(long me, long other, String rawText) {
        if (me == other) {
            throw new ValidationException("memberId", "You cannot message yourself.");
        }
        String text = clean(rawText);
        Member recipient = visibleMember(me, other);
        Message sent = tx.execute(status -> {
            Instant now = clock.instant();
            checkRate(me, now);
            Optional<Conversation> existing = repository.findBetween(me, other);
            existing.ifPresent(c -> repository.lock(c.id()));
            Conversation c = existing.flatMap(e -> repository.find(e.id())).orElse(null);
            return write(me, recipient, c, text, now);
        });
        return new Sent(summary(me, sent.conversationId()), sent);
    }

    /** Writes into a conversation of mine. */
    public Sent send(long me, long conversationId, String rawText) {
        String text = clean(rawText);
        Conversation found = own(me, conversationId);
        Member recipient = visibleMember(me, found.other(me));
        Message sent = tx.execute(status -> {
            Instant now = clock.instant();
            checkRate(me, now);
            repository.lock(conversationId);
            Conversation c = repository.find(conversationId).orElseThrow(ConversationNotFoundException::new);
            return write(me, recipient, c, text, now);
        });
        return new Sent(summary(me, conversationId), sent);
    }

    /** Accepts a request I received; harmless on a conversation already open. */
    public ConversationSummary accept(long me, long conversationId) {
        own(me, conversationId);
        tx.executeWithoutResult(status -> {
            repository.lock(conversationId);
            Conversation c = repository.find(conversationId).orElseThrow(ConversationNotFoundException::new);
            if (c.requestBy(me) || c.declinedFor(me)) {
                throw new MessageNotAllowedException("not-your-request",
                        "Only the member who received a message request can accept it.");
            }
            if (c.status() == ConversationStatus.DECLINED) {
                // I declined it earlier and changed my mind.
                repository.updateStatus(c.id(), ConversationStatus.ACCEPTED, c.requesterId(), null);
            } else if (c.status() != c.status().accept()) {
                repository.updateStatus(c.id(), c.status().accept(), c.requesterId(), null);
            }
        });
        pushCount(me);
        return summary(me, conversationId);
    }

    /**
     * Declines a request I received: it leaves my lists and my unread count; the sender may not
     * send another for {@link #REQUEST_COOLDOWN}.
     */
    public void decline(long me, long conversationId) {
        own(me, conversationId);
        tx.executeWithoutResult(status -> {
            repository.lock(conversationId);
            Conversation c = repository.find(conversationId).orElseThrow(ConversationNotFoundException::new);
            if (c.status() == ConversationStatus.DECLINED && !c.declinedFor(me)) {
                return;
            }
            if (!c.requestFor(me)) {
                throw new MessageNotAllowedException("not-a-request",
                        "Only a message request you received can be declined.");
            }
            repository.updateStatus(c.id(), c.status().decline(), c.requesterId(), clock.instant());
        });
        pushCount(me);
    }

    /**
     * Removes one message for a site moderator who upheld a report (issue 17): gone for both
     * sides of the conversation. False when it was already gone.
     */
    public boolean removeReportedMessage(long messageId) {
        return Boolean.TRUE.equals(tx.execute(status -> repository.deleteMessage(messageId)));
    }

    /** Marks every message of the conversation read for me. */
    public void markRead(long me, long conversationId) {
        own(me, conversationId);
        boolean moved = Boolean.TRUE.equals(tx.execute(status ->
                repository.markRead(conversationId, me, repository.lastMessageId(conversationId))));
        if (moved) {
            pushCount(me);
        }
    }

    /** My conversations (or the requests I received), latest activity first. */
    public Page<ConversationSummary> list(long me, boolean requests, PageRequest page) {
        String kind = requests ? "requests" : "conversations";
        long[] at = position(page.cursor(), kind);
        List<MessagingRepository.ListRow> rows = new ArrayList<>(repository.list(me, requests, at[0], at[1], page.limit() + 1));
        String next = null;
        if (rows.size() > page.limit()) {
            rows.remove(rows.size() - 1);
            MessagingRepository.ListRow last = rows.get(rows.size() - 1);
            next = Cursor.encode(kind, last.lastActivity(), last.conversation().id());
        }
        Set<Long> hidden = blocks.hiddenFrom(me);
        Map<Long, MemberSummary> others = members.findSummaries(
                rows.stream().map(MessagingRepository.ListRow::otherId).distinct().toList());
        List<ConversationSummary> items = new ArrayList<>();
        for (MessagingRepository.ListRow row : rows) {
            MemberSummary other = others.get(row.otherId());
            if (other == null || hidden.contains(row.otherId())) {
                continue;
            }
            items.add(new ConversationSummary(row.conversation(), network.card(me, other), row.last(), row.unread(), me));
        }
        return new Page<>(items, next, repository.count(me, requests));
    }

    /** One conversation of mine, as its list shows it. */
    public ConversationSummary summary(long me, long conversationId) {
        Conversation c = own(me, conversationId);
        MemberSummary other = members.findSummaries(List.of(c.other(me))).get(c.other(me));
        if (other == null) {
            throw new ConversationNotFoundException();
        }
        List<Message> last = repository.messagesBefore(conversationId, Long.MAX_VALUE, 1);
        return new ConversationSummary(c, network.card(me, other), last.isEmpty() ? null : last.get(0),
                repository.unreadIn(conversationId, me), me);
    }

    /** The conversation's messages, newest first; the cursor leads to older ones. */
    public Page<Message> messages(long me, long conversationId, PageRequest page) {
        own(me, conversationId);
        long before = page.cursor() == null ? Long.MAX_VALUE
                : Cursor.parseLong(Cursor.decode(page.cursor(), "messages", 1).get(0));
        List<Message> rows = new ArrayList<>(repository.messagesBefore(conversationId, before, page.limit() + 1));
        String next = null;
        if (rows.size() > page.limit()) {
            rows.remove(rows.size() - 1);
            next = Cursor.encode("messages", rows.get(rows.size() - 1).id());
        }
        return new Page<>(rows, next, null);
    }

    /** Messages that arrived after {@code afterId}, oldest first (at most 100), for an open thread to catch up. */
    public List<Message> messagesAfter(long me, long conversationId, long afterId) {
        own(me, conversationId);
        return repository.messagesAfter(conversationId, afterId, 100);
    }

    /** My conversation with {@code other}, if we have one I can see. */
    public Optional<Long> conversationWith(long me, long other) {
        if (me == other || blocks.hidden(me, other)) {
            return Optional.empty();
        }
        return repository.findBetween(me, other).map(Conversation::id);
    }

    /** Whether a "Message" button makes sense on {@code other}'s profile for me. */
    public boolean mayWrite(long me, long other) {
        if (me == other || blocks.hidden(me, other)) {
            return false;
        }
        if (network.areConnected(me, other)) {
            return true;
        }
        Optional<Conversation> c = repository.findBetween(me, other);
        if (c.isPresent() && (c.get().status() == ConversationStatus.ACCEPTED || c.get().requestFor(me))) {
            return true;
        }
        return mayRequest(me, other);
    }

    /** Whether {@code other}'s setting lets {@code me}, not a connection, send a message request. */
    private boolean mayRequest(long me, long other) {
        MessagesFrom from = privacy.settings(other).messagesFrom();
        return from == MessagesFrom.ANYONE || (from.groupMembers() && network.shareAGroup(me, other));
    }

    /** Messages I have not read (requests I declined aside): the messaging badge. */
    public long unreadCount(long me) {
        return repository.unreadCount(me);
    }

    /** Requests I received and have not answered. */
    public long requestCount(long me) {
        return repository.count(me, true);
    }

    /** A block removes the pair's conversation and its messages, in the blocking transaction. */
    @EventListener
    void onBlocked(MemberBlocked block) {
        repository.deleteBetween(block.blocker(), block.blocked());
    }

    // ------------------------------------------------------------------------------------------

    private Message write(long me, Member recipient, Conversation c, String text, Instant now) {
        long other = recipient.id();
        ConversationStatus next = decide(me, recipient, c, now);
        boolean request = next == ConversationStatus.REQUEST;
        if (c == null) {
            c = repository.findOrCreate(me, other, next, request ? me : null, now);
        }
        if (c.status() != next || (request && !Long.valueOf(me).equals(c.requesterId()))) {
            repository.updateStatus(c.id(), next, request ? Long.valueOf(me) : c.requesterId(), null);
        }
        Message message = repository.insertMessage(c.id(), me, text, now);
        deliver(me, other, c.id(), message, request);
        return message;
    }

    /** The conversation's status after {@code me} writes, or the refusal. See the class comment. */
    private ConversationStatus decide(long me, Member recipient, Conversation c, Instant now) {
        long other = recipient.id();
        if (network.areConnected(me, other)) {
            return c != null && c.status() == ConversationStatus.ACCEPTED ? ConversationStatus.ACCEPTED
                    : ConversationStatus.OPEN;
        }
        if (c != null) {
            if (c.status() == ConversationStatus.ACCEPTED || c.requestFor(me)) {
                return ConversationStatus.ACCEPTED;
            }
            if (c.requestBy(me)) {
                throw new MessageNotAllowedException("message-request-pending", recipient.firstName()
                        + " has not accepted your message request yet. You can write again once they do.");
            }
            if (c.declinedFor(me) && c.declinedAt().plus(REQUEST_COOLDOWN).isAfter(now)) {
                throw new MessageNotAllowedException("message-request-declined", recipient.firstName()
                        + " declined your message request. You can send another from "
                        + Dates.date(c.declinedAt().plus(REQUEST_COOLDOWN)) + ".");
            }
        }
        MessagesFrom from = privacy.settings(other).messagesFrom();
        if (mayRequest(me, other)) {
            return ConversationStatus.REQUEST;
        }
        throw new MessageNotAllowedException("messages-from-connections", recipient.firstName()
                + " accepts messages only from their connections."
                + (from.groupMembers() ? " Fellow members of their groups may send a message request too." : "")
                + " Invite them to connect first.");
    }

    private void deliver(long me, long other, long conversationId, Message message, boolean request) {
        String senderName = members.findSummaries(List.of(me)).values().stream().findFirst()
                .map(MemberSummary::name).orElse("Someone");
        boolean announce = notifications.preference(other, NotificationKind.MESSAGE).inApp();
        String id = Long.toString(conversationId);
        hub.publishAfterCommit(other, "message", () -> new MessageEvent(id, Long.toString(message.id()), senderName,
                message.preview(), request, false, announce, repository.unreadCount(other)));
        hub.publishAfterCommit(me, "message", () -> new MessageEvent(id, Long.toString(message.id()), null, null,
                request, true, false, repository.unreadCount(me)));
    }

    private void pushCount(long me) {
        hub.publishAfterCommit(me, "message", () -> new MessageEvent(null, null, null, null, false, true, false,
                repository.unreadCount(me)));
    }

    private void checkRate(long me, Instant now) {
        long[] sent = repository.sentSince(me, now.minus(RATE_WINDOW));
        if (sent[0] >= MAX_PER_MINUTE) {
            Instant free = Instant.ofEpochMilli(sent[1]).plus(RATE_WINDOW);
            throw new MessageRateLimitException(MAX_PER_MINUTE, Duration.between(now, free));
        }
    }

    /** The member, or 404 when they do not exist or a block stands either way. */
    private Member visibleMember(long me, long other) {
        Member m = members.findById(other).orElseThrow(MemberNotFoundException::new);
        blocks.requireVisible(me, other);
        return m;
    }

    /** My conversation, or 404: not mine, or with a member hidden from me. */
    private Conversation own(long me, long conversationId) {
        Conversation c = repository.find(conversationId).orElseThrow(ConversationNotFoundException::new);
        if (!c.hasMember(me) || blocks.hidden(me, c.other(me))) {
            throw new ConversationNotFoundException();
        }
        return c;
    }

    private static long[] position(String cursor, String kind) {
        if (cursor == null) {
            return new long[] {Long.MAX_VALUE, Long.MAX_VALUE};
        }
        List<String> parts = Cursor.decode(cursor, kind, 2);
        return new long[] {Cursor.parseLong(parts.get(0)), Cursor.parseLong(parts.get(1))};
    }

    static String clean(String raw) {
        String text = raw == null ? "" : Text.cleanMultiline(raw);
        if (text.isBlank()) {
            throw new ValidationException("text", "Write a message.");
        }
        if (Text.hasControlCharacters(text, true)) {
            throw new ValidationException("text", "A message cannot contain control characters.");
        }
        int length = Text.length(text);
        if (length > MAX_LENGTH) {
            throw new ValidationException("text", String.format(Locale.ENGLISH,
                    "A message can be at most %,d characters; this one has %,d.", MAX_LENGTH, length));
        }
        return text;
    }
}
