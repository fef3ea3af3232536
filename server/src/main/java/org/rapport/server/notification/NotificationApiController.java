package org.rapport.server.notification;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.rapport.server.account.MemberPrincipal;
import org.rapport.server.network.MemberCardJson;
import org.rapport.server.system.Page;
import org.rapport.server.system.PageRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** My notifications over the API (A7). */
@RestController
@RequestMapping("/api/v1/notifications")
@Tag(name = "Notifications", description = "Invitation received and accepted (A7)")
class NotificationApiController {

    record NotificationJson(String id, NotificationKind kind, MemberCardJson actor, String invitationId,
                            Instant createdAt, boolean read) {
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
                        n.invitationId() == null ? null : n.invitationId().toString(), n.createdAt(), n.read()))
                .toList(), page.nextCursor(), page.total(), notifications.unreadCount(me.memberId()));
    }

    @PostMapping("/read")
    @Operation(summary = "Mark all my notifications read")
    ResponseEntity<Void> markRead(@AuthenticationPrincipal MemberPrincipal me) {
        notifications.markAllRead(me.memberId());
        return ResponseEntity.noContent().build();
    }
}
