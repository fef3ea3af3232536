package org.rapport.server.invitation;

import org.rapport.server.network.MemberCard;

/** An invitation in the sender's list, with the recipient as the sender sees them. */
public record SentInvitation(Invitation invitation, MemberCard recipient) {
}
