package org.rapport.server.invitation;

import org.rapport.server.network.MemberCard;

/** An invitation in the recipient's list, with the sender as the recipient sees them. */
public record ReceivedInvitation(Invitation invitation, MemberCard sender) {
}
