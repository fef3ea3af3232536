package org.rapport.server.credibility;

import java.util.Set;

/**
 * Where a recommendation stands (H2). REQUESTED → (author writes) PENDING → (recipient approves)
 * APPROVED ⇄ HIDDEN; the recipient may send PENDING, APPROVED or HIDDEN back to REVISION, which the
 * author's next edit returns to PENDING. Only APPROVED is shown on the recipient's profile.
 */
public enum RecommendationStatus {
    REQUESTED, PENDING, APPROVED, HIDDEN, REVISION;

    /** The states the author may write (or edit) from; every edit waits for approval again. */
    static final Set<RecommendationStatus> WRITABLE = Set.of(REQUESTED, PENDING, APPROVED, HIDDEN, REVISION);
    static final Set<RecommendationStatus> APPROVABLE = Set.of(PENDING);
    static final Set<RecommendationStatus> HIDEABLE = Set.of(APPROVED);
    static final Set<RecommendationStatus> SHOWABLE = Set.of(HIDDEN);
    static final Set<RecommendationStatus> REVISABLE = Set.of(PENDING, APPROVED, HIDDEN);
    static final Set<RecommendationStatus> DECLINABLE = Set.of(REQUESTED, REVISION);

    /** Whether the author has written something. */
    public boolean written() {
        return this != REQUESTED;
    }
}
