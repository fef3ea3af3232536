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
        @DefaultValue Suggestions suggestions,
        @DefaultValue Feed feed,
        @DefaultValue Mail mail,
        @DefaultValue Contacts contacts,
        @DefaultValue Search search) {

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
            @DefaultValue("PT1H") Duration expirySweepInterval,
            @DefaultValue Quota quota) {
    }

    /**
     * The adaptive invitation quota (B1–B3); the formula is in {@code InvitationQuota} and
     * ARCHITECTURE.md. Weights are how many ignored invitations one event counts as.
     */
    public record Quota(
            @DefaultValue("90d") Duration window,
            @DefaultValue("0.5") double priorRate,
            @DefaultValue("5") double priorWeight,
            @DefaultValue("3") double dontKnowWeight,
            @DefaultValue("5") double spamWeight,
            @DefaultValue("0.5") double staleWeight,
            @DefaultValue("14d") Duration staleAfter,
            @DefaultValue("0.2") double lowScore,
            @DefaultValue("0.8") double highScore,
            @DefaultValue("5") int minWeekly,
            @DefaultValue("2100") int maxWeekly,
            @DefaultValue("300") int maxDaily,
            @DefaultValue("3") int emailAfterReports,
            @DefaultValue("0.5") double emailBelowScore,
            @DefaultValue("500") int maxPending) {
        public Quota {
            if (priorRate < 0 || priorRate > 1 || priorWeight <= 0 || dontKnowWeight < 0 || spamWeight < 0
                    || staleWeight < 0) {
                throw new IllegalArgumentException("rapport.invitations.quota: prior-rate must be in [0, 1], "
                        + "prior-weight positive and the other weights not negative");
            }
            if (!(lowScore < highScore) || minWeekly < 1 || maxWeekly < minWeekly || maxDaily < 1 || maxPending < 1) {
                throw new IllegalArgumentException("rapport.invitations.quota: need low-score < high-score, "
                        + "1 <= min-weekly <= max-weekly, max-daily >= 1 and max-pending >= 1");
            }
        }
    }

    /**
     * Sign-in throttling (issue 16): failures per account and client that cost nothing, the first
     * wait after them (doubling with each further failure, up to {@code maxDelay}), and how long a
     * failure is remembered after the last one. See {@code LoginThrottle}.
     */
    public record Login(
            @DefaultValue("10") int maxFailures,
            @DefaultValue("30s") Duration firstDelay,
            @DefaultValue("15m") Duration maxDelay,
            @DefaultValue("24h") Duration window) {
        public Login {
            if (maxFailures < 1 || firstDelay.isNegative() || firstDelay.isZero() || maxDelay.compareTo(firstDelay) < 0
                    || window.compareTo(maxDelay) < 0) {
                throw new IllegalArgumentException("rapport.login: need max-failures >= 1 and "
                        + "0 < first-delay <= max-delay <= window");
            }
        }
    }

    /** People You May Know: how many list entries one request may scan in the graph (hubs are skipped past it). */
    public record Suggestions(@DefaultValue("200000") long scanBudget) {
        public Suggestions {
            if (scanBudget < 1) {
                throw new IllegalArgumentException("rapport.suggestions.scan-budget must be positive, was " + scanBudget);
            }
        }
    }

    /** Updates (F2): audiences up to this size are delivered on write; larger ones are merged in on read. */
    public record Feed(@DefaultValue("5000") int fanOutThreshold) {
        public Feed {
            if (fanOutThreshold < 0) {
                throw new IllegalArgumentException("rapport.feed.fan-out-threshold must not be negative");
            }
        }
    }

    /**
     * Outgoing e-mail (digests; later invitations of non-members). Sending needs an SMTP server:
     * {@code spring.mail.host} (and port, username, password); without one nothing is sent.
     * {@code publicUrl} is where links in e-mails point.
     */
    public record Mail(@DefaultValue("Rapport <no-reply@rapport.invalid>") String from,
                       @DefaultValue("http://localhost:8080") String publicUrl,
                       @DefaultValue("PT15M") Duration digestCheckInterval) {
    }

    /**
     * Contacts (E1–E6): how long contacts who are not members are kept, how long an e-mail
     * invitation to a non-member stays open, and how large an uploaded address book may be.
     */
    public record Contacts(@DefaultValue("365d") Duration retention,
                           @DefaultValue("30d") Duration emailInvitationExpiry,
                           @DefaultValue("200000") int maxRows,
                           @DefaultValue("1h") Duration abandonAfter) {
    }

    /**
     * People search (D1–D3): where the Lucene index lives (default {@code <data-dir>/search-index})
     * and whether the server opens it, and rebuilds it when missing or stale, at start-up (one-shot
     * CLI commands open it only when they need it, so they can run beside a server).
     */
    public record Search(Path indexDir,
                         @DefaultValue("true") boolean openAtStartUp,
                         @DefaultValue("2s") Duration commitInterval) {
    }

    /** The search index directory: the configured one, or {@code search-index} in the data directory. */
    public Path searchIndexDir() {
        return search.indexDir() != null ? search.indexDir() : dataDir.resolve("search-index");
    }

    public record Demo(
            @DefaultValue("3000") int members,
            @DefaultValue("20261125") long seed) {
    }
}
