package org.rapport.server.system;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Period;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Everything an operator may tune, under the {@code rapport.} prefix. Defaults follow the product
 * rules in {@code product.md} (A3: three-week re-invite cooldown, A5: six-month expiry, A6: 30,000
 * connections).
 */
@ConfigurationProperties("rapport")
public record RapportProperties(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue Connections connections,
        @DefaultValue Invitations invitations,
        @DefaultValue Login login,
        @DefaultValue Demo demo,
        @DefaultValue Suggestions suggestions) {

    public record Connections(@DefaultValue("30000") int cap) {
        public Connections {
            if (cap < 1) {
                throw new IllegalArgumentException("rapport.connections.cap must be positive, was " + cap);
            }
        }
    }

    public record Invitations(
            @DefaultValue("300") int noteMaxLength,
            @DefaultValue("P6M") Period expiry,
            @DefaultValue("21d") Duration reinviteCooldown,
            @DefaultValue("100") int dailyLimit,
            @DefaultValue("PT1H") Duration expirySweepInterval) {
    }

    public record Login(
            @DefaultValue("10") int maxFailures,
            @DefaultValue("15m") Duration window) {
    }

    /** People You May Know: how many list entries one request may scan in the graph (hubs are skipped past it). */
    public record Suggestions(@DefaultValue("200000") long scanBudget) {
        public Suggestions {
            if (scanBudget < 1) {
                throw new IllegalArgumentException("rapport.suggestions.scan-budget must be positive, was " + scanBudget);
            }
        }
    }

    public record Demo(
            @DefaultValue("3000") int members,
            @DefaultValue("20261125") long seed) {
    }
}
