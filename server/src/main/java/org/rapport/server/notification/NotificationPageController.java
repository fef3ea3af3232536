package org.rapport.server.notification;

import org.rapport.server.account.MemberPrincipal;
import org.rapport.server.system.PageRequest;
import org.rapport.server.web.PageController;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The notifications page; opening it marks everything read. */
@PageController
class NotificationPageController {

    private final NotificationService notifications;

    NotificationPageController(NotificationService notifications) {
        this.notifications = notifications;
    }

    @GetMapping("/notifications")
    String list(@AuthenticationPrincipal MemberPrincipal me, @RequestParam(required = false) String cursor,
                Model model) {
        model.addAttribute("page", notifications.list(me.memberId(), PageRequest.of(20, cursor)));
        notifications.markAllRead(me.memberId());
        return "pages/notifications";
    }

    @PostMapping("/notifications/read")
    String markRead(@AuthenticationPrincipal MemberPrincipal me) {
        notifications.markAllRead(me.memberId());
        return "redirect:/notifications";
    }

    /** The unread count alone, for the top bar's badge to refresh itself (empty when zero). */
    @GetMapping("/notifications/unread-count")
    ResponseEntity<String> unreadCount(@AuthenticationPrincipal MemberPrincipal me) {
        long n = notifications.unreadCount(me.memberId());
        return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(n == 0 ? "" : Long.toString(n));
    }
}
