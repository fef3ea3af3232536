package org.rapport.server.group;

import java.time.Instant;

import org.rapport.server.network.MemberCard;

/** A comment on a discussion post, as a viewer sees it. */
public record GroupComment(long id, long postId, MemberCard author, String text, Instant createdAt) {
}
