package org.rapport.server.invitation;

import org.rapport.server.network.MemberCard;

/**
 * The member who introduced the two members of an invitation (H3), and the note they added when
 * forwarding it (null when none); the requester's reason is the invitation's own note.
 */
public record IntroducedBy(MemberCard introducer, String note) {
}
