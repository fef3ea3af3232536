package org.rapport.server.privacy;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The limits that keep members' data from being read in bulk ({@code rapport.privacy.*}, issue 15).
 *
 * @param contactMatchesPerDay how many members one uploader's address books may match in any 24
 *     hours; addresses past it are kept as addresses to invite, not matched
 * @param alsoViewedMinViewers People Also Viewed shows a co-viewed member only when at least this
 *     many distinct viewers are behind it; views by members who turned People Also Viewed off are
 *     never counted
 */
@ConfigurationProperties("rapport.privacy")
public record PrivacyProperties(
        @DefaultValue("500") int contactMatchesPerDay,
        @DefaultValue("5") int alsoViewedMinViewers) {

    public PrivacyProperties {
        if (contactMatchesPerDay < 0 || alsoViewedMinViewers < 1) {
            throw new IllegalArgumentException(
                    "rapport.privacy: contact-matches-per-day must not be negative, also-viewed-min-viewers at least 1");
        }
    }
}
