package org.rapport.server.search;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * The {@code search} part of {@code /actuator/health}, and of readiness: OUT_OF_SERVICE while a
 * new node (or one whose index is stale) builds its people-search index from the database in the
 * background, so a load balancer sends it no traffic until search can answer; UP afterwards.
 * Liveness and the rest of health answer all along.
 */
@Component("search")
class SearchHealthIndicator extends AbstractHealthIndicator {

    private final PeopleIndex index;

    SearchHealthIndicator(PeopleIndex index) {
        super("The search index cannot be checked");
        this.index = index;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        if (index.building()) {
            builder.outOfService().withDetail("index", "building from the database");
        } else {
            builder.up().withDetail("index", "ready");
        }
    }
}
