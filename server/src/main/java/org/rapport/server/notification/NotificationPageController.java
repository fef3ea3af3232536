package org.rapport.server.notification;

import java.util.HashSet;
import java.util.Set;

import org.rapport.server.account.MemberPrincipal;
import org.rapport.server.invitation.InvitationService;
import org.rapport.server.system.Page;
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
    private final InvitationService invitations;

    NotificationPageController(NotificationService notifications, InvitationService invitations) {
        this.notifications = notifications;
        this.invitations = invitations;
    }

    @GetMapping("/notifications")
    String list(@AuthenticationPrincipal MemberPrincipal me, @RequestParam(required = false) String cursor,
                Model model) {
        Page<Notification> page = notifications.list(me.memberId(), PageRequest.of(20, cursor));
        model.addAttribute("page", page);
        model.addAttribute("openInvitations", openInvitations(me.memberId(), page));
        notifications.markAllRead(me.memberId());
        return "pages/notifications";
    }

    /**
     * The invitations of this page's notifications that still wait for my answer: only they get
     * a "See invitation" button (an accepted, ignored, withdrawn or expired one has nothing to see).
     * At most one primary-key lookup per notification on the page.
     */
    private Set<Long> openInvitations(long me, Page<Notification> page) {
        Set<Long> ids = new HashSet<>();
        for (Notification n : page.items()) {
            if (n.kind() == NotificationKind.INVITATION_RECEIVED && n.invitationId() != null) {
                ids.add(n.invitationId());
            }
        }
        return invitations.pendingTo(me, ids);
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

    /** Live notifications for open pages (server-sent events; rapport.js listens). */
    @GetMapping(path = "/notifications/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    org.springframework.web.servlet.mvc.method.annotation.SseEmitter stream(@AuthenticationPrincipal MemberPrincipal me) {
        return notifications.subscribe(me.memberId());
    }

    /** The notification part of the settings page. */
    @PostMapping("/settings/notifications")
    String save(@AuthenticationPrincipal MemberPrincipal me, @RequestParam java.util.Map<String, String> form,
                org.springframework.web.servlet.mvc.support.RedirectAttributes redirect) {
        java.util.Map<NotificationKind, NotificationPreference> prefs = new java.util.EnumMap<>(NotificationKind.class);
        for (NotificationKind k : NotificationKind.values()) {
            prefs.put(k, new NotificationPreference("true".equals(form.get("inApp-" + k.name())),
                    "true".equals(form.get("email-" + k.name()))));
        }
        notifications.savePreferences(me.memberId(), prefs);
        try {
            notifications.setDigest(me.memberId(), Digest.valueOf(form.getOrDefault("digest", "OFF")));
        } catch (IllegalArgumentException e) {
            throw new org.rapport.server.system.ValidationException("digest", "Choose never, daily or weekly.");
        }
        redirect.addFlashAttribute("flash", "Your notification settings are saved.");
        return "redirect:/settings#notifications";
    }
}
