package org.rapport.server.credibility;

import org.rapport.server.connection.ConnectionRemoved;
import org.rapport.server.privacy.MemberBlocked;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Endorsements and recommendations exist only between connections: when a connection is removed
 * (by either member or by a block) they are deleted, both ways, in the same transaction (the
 * events are published inside it and these listeners run synchronously). Pending introductions
 * that needed that connection, or whose members block each other, go too.
 */
@Component
class CredibilityCleanup {

    private final EndorsementService endorsements;
    private final RecommendationService recommendations;
    private final IntroductionService introductions;

    CredibilityCleanup(EndorsementService endorsements, RecommendationService recommendations,
                       IntroductionService introductions) {
        this.endorsements = endorsements;
        this.recommendations = recommendations;
        this.introductions = introductions;
    }

    @EventListener
    void onConnectionRemoved(ConnectionRemoved removed) {
        forget(removed.a(), removed.b());
    }

    @EventListener
    void onBlocked(MemberBlocked block) {
        forget(block.blocker(), block.blocked());
    }

    private void forget(long a, long b) {
        endorsements.deletePair(a, b);
        recommendations.deletePair(a, b);
        introductions.deletePendingWithPair(a, b);
    }
}
