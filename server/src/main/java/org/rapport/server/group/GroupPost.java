package org.rapport.server.group;

import java.time.Instant;

import org.rapport.server.network.MemberCard;

/** A discussion post as a viewer sees it; {@code pending} while it waits for approval. */
public record GroupPost(long id, long groupId, MemberCard author, String text, boolean pending, Instant createdAt,
                        long commentCount) {
}
