package org.rapport.server.privacy;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Per-member budgets for reading people ({@code rapport.limits.*}, issue 15): for each
 * {@link ReadBudget}, how many requests a member may make in any minute (the burst) and in any 24
 * hours. Both refill continuously (a token bucket per member and kind, Bucket4j). The defaults let
 * a person browse and an integrator sync a network of a few hundred people a day, and make
 * walking every member id take weeks. Budgets are kept in each node's memory, and each node allows
 * its share ({@code NodeShare}: divided by {@code rapport.cluster.nodes}, rounded up), so the
 * cluster allows about these numbers.
 */
@ConfigurationProperties("rapport.limits")
public record ReadLimits(
        @DefaultValue("60") int profilesPerMinute,
        @DefaultValue("1000") int profilesPerDay,
        @DefaultValue("30") int mutualPerMinute,
        @DefaultValue("500") int mutualPerDay,
        @DefaultValue("30") int pathPerMinute,
        @DefaultValue("500") int pathPerDay,
        @DefaultValue("30") int alsoViewedPerMinute,
        @DefaultValue("500") int alsoViewedPerDay,
        @DefaultValue("30") int searchPerMinute,
        @DefaultValue("500") int searchPerDay,
        @DefaultValue("30") int contactsPerMinute,
        @DefaultValue("300") int contactsPerDay,
        @DefaultValue("20") int followsPerMinute,
        @DefaultValue("200") int followsPerDay) {

    public ReadLimits {
        int[] all = {profilesPerMinute, profilesPerDay, mutualPerMinute, mutualPerDay, pathPerMinute, pathPerDay,
                alsoViewedPerMinute, alsoViewedPerDay, searchPerMinute, searchPerDay, contactsPerMinute, contactsPerDay,
                followsPerMinute, followsPerDay};
        for (int i = 0; i < all.length; i += 2) {
            if (all[i] < 1 || all[i + 1] < all[i]) {
                throw new IllegalArgumentException("rapport.limits: every *-per-minute must be at least 1 and its "
                        + "*-per-day at least as large");
            }
        }
    }

    /** Requests allowed in any minute. */
    public int perMinute(ReadBudget budget) {
        return switch (budget) {
            case PROFILE -> profilesPerMinute;
            case MUTUAL -> mutualPerMinute;
            case PATH -> pathPerMinute;
            case ALSO_VIEWED -> alsoViewedPerMinute;
            case SEARCH -> searchPerMinute;
            case CONTACTS -> contactsPerMinute;
            case FOLLOW -> followsPerMinute;
        };
    }

    /** Requests allowed in any 24 hours. */
    public int perDay(ReadBudget budget) {
        return switch (budget) {
            case PROFILE -> profilesPerDay;
            case MUTUAL -> mutualPerDay;
            case PATH -> pathPerDay;
            case ALSO_VIEWED -> alsoViewedPerDay;
            case SEARCH -> searchPerDay;
            case CONTACTS -> contactsPerDay;
            case FOLLOW -> followsPerDay;
        };
    }
}
