package org.rapport.server.credibility;

import java.time.Instant;

/**
 * A request (H3) from {@code requesterId} to {@code intermediaryId} to be introduced to
 * {@code targetId}, with the requester's {@code reason}; once forwarded, {@code intermediaryNote}
 * and the invitation that carried it to the target.
 */
public record Introduction(long id, long requesterId, long intermediaryId, long targetId, String reason,
                           String intermediaryNote, IntroductionStatus status, Long invitationId, Instant createdAt,
                           Instant respondedAt) {

    public boolean involves(long member) {
        return requesterId == member || intermediaryId == member || targetId == member;
    }
}
