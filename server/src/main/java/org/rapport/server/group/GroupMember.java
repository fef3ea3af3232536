package org.rapport.server.group;

import java.time.Instant;

import org.rapport.server.network.MemberCard;

/** A row of the member directory (or of the pending requests): the member as the viewer sees them, their role, since when. */
public record GroupMember(MemberCard card, GroupRole role, Instant since) {
}
