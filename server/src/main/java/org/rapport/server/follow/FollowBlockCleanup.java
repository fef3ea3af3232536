package org.rapport.server.follow;

import org.rapport.server.privacy.MemberBlocked;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** A block ends following either way, in the blocking transaction, and says so ({@link FollowChanged}). */
@Component
class FollowBlockCleanup {

    private final FollowRepository follows;
    private final ApplicationEventPublisher events;

    FollowBlockCleanup(FollowRepository follows, ApplicationEventPublisher events) {
        this.follows = follows;
        this.events = events;
    }

    @EventListener
    @Order(MemberBlocked.FOLLOWS)
    void onBlocked(MemberBlocked block) {
        follows.clearPair(block.blocker(), block.blocked());
        for (FollowChanged e : FollowChanged.both(block.blocker(), block.blocked(), false)) {
            events.publishEvent(e);
        }
    }
}
