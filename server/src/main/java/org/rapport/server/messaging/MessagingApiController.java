package org.rapport.server.messaging;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.rapport.server.account.MemberPrincipal;
import org.rapport.server.network.MemberCardJson;
import org.rapport.server.system.Ids;
import org.rapport.server.system.Page;
import org.rapport.server.system.PageRequest;
import org.rapport.server.system.ValidationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Conversations and messages over the API (G1, G2). */
@RestController
@RequestMapping("/api/v1/conversations")
@Tag(name = "Messaging", description = "Conversations between two members, message requests, read state (G1, G2)")
class MessagingApiController {

    record StartRequest(String memberId, String text) {
    }

    record MessageRequest(String text) {
    }

    record MessageJson(String id, String conversationId, String senderId, String text, Instant sentAt, boolean mine) {
        static MessageJson of(Message m, long me) {
            return new MessageJson(Long.toString(m.id()), Long.toString(m.conversationId()), Long.toString(m.senderId()),
                    m.text(), m.sentAt(), m.senderId() == me);
        }
    }

    /**
     * A conversation as I see it. {@code request}: RECEIVED (a request waiting for my answer), SENT
     * (mine, waiting for theirs), DECLINED (mine, declined) or null. {@code preview}: the last
     * message on one line, at most 120 characters.
     */
    record ConversationJson(String id, MemberCardJson member, ConversationStatus status, String request,
                            String preview, MessageJson lastMessage, long unreadCount, Instant lastMessageAt) {
        static ConversationJson of(ConversationSummary s) {
            String request = s.requestReceived() ? "RECEIVED" : s.requestSent() ? "SENT" : s.declined() ? "DECLINED" : null;
            return new ConversationJson(Long.toString(s.id()), MemberCardJson.of(s.other()), s.conversation().status(),
                    request, s.lastMessage() == null ? null : s.lastMessage().preview(),
                    s.lastMessage() == null ? null : MessageJson.of(s.lastMessage(), s.viewer()),
                    s.unreadCount(), s.conversation().lastMessageAt());
        }
    }

    record ConversationPage(List<ConversationJson> items, String nextCursor, Long total, long unreadCount,
                            long requestCount) {
    }

    record SentJson(ConversationJson conversation, MessageJson message) {
    }

    private final MessagingService messaging;

    MessagingApiController(MessagingService messaging) {
        this.messaging = messaging;
    }

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping
    @Operation(summary = "Write to a member: into our conversation, or a new one",
            description = "memberId and text (at most 2,000 characters). 201 with the conversation and the message. "
                    + "Connections may always write; others only when the member accepts messages from anyone, and "
                    + "then the message is a request they accept or decline (one request at a time; after a decline, "
                    + "none for 3 weeks). 403 with the reason when not allowed; 404 for a member who does not exist "
                    + "or with a block either way; 429 with Retry-After past 30 messages a minute.")
    ResponseEntity<SentJson> start(@AuthenticationPrincipal MemberPrincipal me,
                                   @RequestBody(required = false) StartRequest body) {
        if (body == null) {
            throw new ValidationException("memberId", "memberId is required.");
        }
        long other = Ids.parseField(body.memberId(), "memberId");
        return created(messaging.start(me.memberId(), other, body.text()), me.memberId());
    }

    @GetMapping
    @Operation(summary = "My conversations, latest activity first, with unread counts",
            description = "requests=true lists the message requests I received and have not answered instead. "
                    + "Cursor-paginated; unreadCount is over all my conversations, requestCount the requests waiting.")
    ConversationPage list(@AuthenticationPrincipal MemberPrincipal me,
                          @RequestParam(defaultValue = "false") boolean requests,
                          @RequestParam(required = false) Integer limit,
                          @RequestParam(required = false) String cursor) {
        Page<ConversationSummary> page = messaging.list(me.memberId(), requests, PageRequest.of(limit, cursor));
        return new ConversationPage(page.items().stream().map(ConversationJson::of).toList(), page.nextCursor(),
                page.total(), messaging.unreadCount(me.memberId()), messaging.requestCount(me.memberId()));
    }

    @GetMapping("/{id}/messages")
    @Operation(summary = "A conversation's messages, newest first",
            description = "The first page holds the newest messages; nextCursor leads back in time. Reading does not "
                    + "mark them read: POST /conversations/{id}/read does.")
    Page<MessageJson> messages(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id,
                               @RequestParam(required = false) Integer limit,
                               @RequestParam(required = false) String cursor) {
        long m = me.memberId();
        return messaging.messages(m, id, PageRequest.of(limit, cursor)).map(msg -> MessageJson.of(msg, m));
    }

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping("/{id}/messages")
    @Operation(summary = "Write into a conversation",
            description = "text: at most 2,000 characters. Answering a request I received accepts it. 201; 403, 404 "
                    + "and 429 as for starting one.")
    ResponseEntity<SentJson> send(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id,
                                  @RequestBody(required = false) MessageRequest body) {
        return created(messaging.send(me.memberId(), id, body == null ? null : body.text()), me.memberId());
    }

    @PostMapping("/{id}/read")
    @Operation(summary = "Mark the conversation read up to its newest message (204)")
    ResponseEntity<Void> read(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id) {
        messaging.markRead(me.memberId(), id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/accept")
    @Operation(summary = "Accept a message request I received; we may then both write (200 with the conversation)")
    ConversationJson accept(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id) {
        return ConversationJson.of(messaging.accept(me.memberId(), id));
    }

    @PostMapping("/{id}/decline")
    @Operation(summary = "Decline a message request I received (204)",
            description = "It leaves my lists; the sender is refused a new request for 3 weeks.")
    ResponseEntity<Void> decline(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id) {
        messaging.decline(me.memberId(), id);
        return ResponseEntity.noContent().build();
    }

    private static ResponseEntity<SentJson> created(MessagingService.Sent sent, long me) {
        return ResponseEntity.created(URI.create("/api/v1/conversations/" + sent.conversation().id() + "/messages"))
                .body(new SentJson(ConversationJson.of(sent.conversation()), MessageJson.of(sent.message(), me)));
    }
}
