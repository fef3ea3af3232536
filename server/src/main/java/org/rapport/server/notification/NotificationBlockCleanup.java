package org.rapport.server.notification;

import org.rapport.server.privacy.MemberBlocked;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * A block deletes the notifications each member has about the other, in the blocking transaction,
 * after the connection, invitation and follow listeners (so none written by their clean-up survives).
 */
@Component
class NotificationBlockCleanup {

    private final NotificationRepository notifications;

    NotificationBlockCleanup(NotificationRepository notifications) {
        this.notifications = notifications;
    }

    @EventListener
    @Order(MemberBlocked.NOTIFICATIONS)
    void onBlocked(MemberBlocked block) {
        notifications.deleteBetween(block.blocker(), block.blocked());
    }
}
