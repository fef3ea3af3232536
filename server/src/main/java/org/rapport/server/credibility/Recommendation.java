package org.rapport.server.credibility;

import java.time.Instant;

/**
 * A written recommendation (H2) from {@code authorId} for {@code recipientId}, about the recipient's
 * position at {@code company} as {@code title}. {@code requestNote}: what the recipient wrote when
 * asking; {@code revisionNote}: what they asked to change; {@code text} null until written.
 */
public record Recommendation(long id, long authorId, long recipientId, String company, String title,
                             String requestNote, String revisionNote, String text, RecommendationStatus status,
                             Instant createdAt, Instant updatedAt) {

    public boolean involves(long member) {
        return authorId == member || recipientId == member;
    }

    public long other(long me) {
        return authorId == me ? recipientId : authorId;
    }

    /** "Title at Company", or the company alone. */
    public String position() {
        return title == null || title.isBlank() ? company : title + " at " + company;
    }
}
