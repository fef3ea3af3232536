package org.rapport.server.connection;

import java.time.Instant;

import org.rapport.server.network.MemberCard;

/** One entry of a connections list: the other member as the viewer sees them, and since when. */
public record Connection(MemberCard member, Instant connectedAt) {
}
