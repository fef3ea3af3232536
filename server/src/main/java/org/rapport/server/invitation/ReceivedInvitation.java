package org.rapport.server.invitation;

import org.rapport.server.network.MemberCard;

/**
 * An invitation in the recipient's list, with the sender as the recipient sees them, and who
 * introduced them when the invitation came through an introduction (else null).
 */
public record ReceivedInvitation(Invitation invitation, MemberCard sender, IntroducedBy introducedBy) {

    public ReceivedInvitation(Invitation invitation, MemberCard sender) {
        this(invitation, sender, null);
    }
}
