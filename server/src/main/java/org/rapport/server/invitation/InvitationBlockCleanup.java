package org.rapport.server.invitation;

import org.rapport.server.privacy.MemberBlocked;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** A block cancels the pair's open invitation, either way, in the blocking transaction. */
@Component
class InvitationBlockCleanup {

    private final InvitationRepository invitations;
    private final java.time.Clock clock;

    InvitationBlockCleanup(InvitationRepository invitations, java.time.Clock clock) {
        this.invitations = invitations;
        this.clock = clock;
    }

    @EventListener
    @Order(MemberBlocked.INVITATIONS)
    void onBlocked(MemberBlocked block) {
        invitations.cancelLive(block.blocker(), block.blocked(), clock.instant());
    }
}
