package org.rapport.server.notification;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.rapport.server.account.MemberPrincipal;
import org.rapport.server.network.MemberCardJson;
import org.rapport.server.system.Page;
import org.rapport.server.system.PageRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** My notifications over the API (A7). */
@RestController
@RequestMapping("/api/v1/notifications")
@Tag(name = "Notifications", description = "What happened, live, and the e-mail digest (A7)")
class NotificationApiController {

    record NotificationJson(String id, NotificationKind kind, MemberCardJson actor, String invitationId,
                            String postId, Instant createdAt, boolean read, String groupId) {
    }

    record SettingsJson(Digest digest, java.util.Map<NotificationKind, NotificationPreference> kinds) {
    }

    record NotificationPage(List<NotificationJson> items, String nextCursor, Long total, long unreadCount) {
    }

    private final NotificationService notifications;

    NotificationApiController(NotificationService notifications) {
        this.notifications = notifications;
    }

    @GetMapping
    @Operation(summary = "My notifications, newest first, with the unread count")
    NotificationPage list(@AuthenticationPrincipal MemberPrincipal me,
                          @RequestParam(required = false) Integer limit,
                          @RequestParam(required = false) String cursor) {
        Page<Notification> page = notifications.list(me.memberId(), PageRequest.of(limit, cursor));
        return new NotificationPage(page.items().stream().map(n -> new NotificationJson(Long.toString(n.id()),
                        n.kind(), MemberCardJson.of(n.actor()),
                        n.invitationId() == null ? null : n.invitationId().toString(),
                        n.postId() == null ? null : n.postId().toString(), n.createdAt(), n.read(),
                        n.groupId() == null ? null : n.groupId().toString()))
                .toList(), page.nextCursor(), page.total(), notifications.unreadCount(me.memberId()));
    }

    @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Live notifications as server-sent events",
            description = "Each event is named notification and carries {unreadCount, kind, actorName, sentence, link, "
                    + "postId}; the first carries only the unread count. Events named message carry {conversationId, "
                    + "messageId, senderName, preview, request, mine, announce, unreadMessages} when a message arrives, "
                    + "is sent from another tab, or is read. A comment every 20 s keeps the stream open.")
    SseEmitter stream(@AuthenticationPrincipal MemberPrincipal me) {
        return notifications.subscribe(me.memberId());
    }

    @GetMapping("/settings")
    @Operation(summary = "Which kinds of notification I get in the app and in the e-mail digest, and how often the digest comes")
    SettingsJson settings(@AuthenticationPrincipal MemberPrincipal me) {
        return new SettingsJson(notifications.digest(me.memberId()), notifications.preferences(me.memberId()));
    }

    @PutMapping("/settings")
    @Operation(summary = "Change my notification settings; kinds left out stay as they are")
    SettingsJson saveSettings(@AuthenticationPrincipal MemberPrincipal me, @RequestBody SettingsJson body) {
        if (body.kinds() != null) {
            notifications.savePreferences(me.memberId(), body.kinds());
        }
        if (body.digest() != null) {
            notifications.setDigest(me.memberId(), body.digest());
        }
        return settings(me);
    }

    @PostMapping("/read")
    @Operation(summary = "Mark all my notifications read")
    ResponseEntity<Void> markRead(@AuthenticationPrincipal MemberPrincipal me) {
        notifications.markAllRead(me.memberId());
        return ResponseEntity.noContent().build();
    }
}
