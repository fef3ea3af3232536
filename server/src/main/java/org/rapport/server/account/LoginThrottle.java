package org.rapport.server.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.rapport.server.system.RapportProperties;
import org.rapport.server.system.RateLimitException;
import org.springframework.stereotype.Component;

/**
 * Limits failed sign-ins per e-mail address and per client address in a sliding window, so a
 * password cannot be guessed by brute force. Kept in memory: per node, forgotten on restart, at
 * most a few hundred bytes per key; stale keys are swept as new failures arrive. A success clears
 * the address's record.
 */
@Component
public class LoginThrottle {

    /** A client address may fail this many times more than one account may (shared offices, NAT). */
    private static final int CLIENT_FACTOR = 5;
    private static final int SWEEP_EVERY = 1024;

    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();
    private final Clock clock;
    private final int maxFailures;
    private final Duration window;
    private final java.util.concurrent.atomic.AtomicInteger sinceSweep = new java.util.concurrent.atomic.AtomicInteger();

    public LoginThrottle(Clock clock, RapportProperties properties) {
        this.clock = clock;
        this.maxFailures = properties.login().maxFailures();
        this.window = properties.login().window();
    }

    /** Throws when either key has used up its failures. */
    public void check(String email, String client) {
        Instant now = clock.instant();
        check("e:" + email.toLowerCase(Locale.ROOT), maxFailures, now);
        if (client != null) {
            check("c:" + client, maxFailures * CLIENT_FACTOR, now);
        }
    }

    public void recordFailure(String email, String client) {
        Instant now = clock.instant();
        record("e:" + email.toLowerCase(Locale.ROOT), now);
        if (client != null) {
            record("c:" + client, now);
        }
        maybeSweep(now);
    }

    public void recordSuccess(String email) {
        failures.remove("e:" + email.toLowerCase(Locale.ROOT));
    }

    private void check(String key, int max, Instant now) {
        Deque<Instant> q = failures.get(key);
        if (q == null) {
            return;
        }
        synchronized (q) {
            prune(q, now);
            if (q.size() >= max) {
                Duration retry = Duration.between(now, q.peekFirst().plus(window));
                throw new RateLimitException("too-many-sign-in-attempts",
                        "Too many failed sign-in attempts. Try again in " + Math.max(1, retry.toMinutes() + 1)
                                + " minutes.", retry);
            }
        }
    }

    private void record(String key, Instant now) {
        Deque<Instant> q = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (q) {
            prune(q, now);
            q.addLast(now);
            while (q.size() > maxFailures * CLIENT_FACTOR) {
                q.removeFirst();
            }
        }
    }

    private void prune(Deque<Instant> q, Instant now) {
        Instant cutoff = now.minus(window);
        while (!q.isEmpty() && !q.peekFirst().isAfter(cutoff)) {
            q.removeFirst();
        }
    }

    private void maybeSweep(Instant now) {
        if (sinceSweep.incrementAndGet() % SWEEP_EVERY != 0) {
            return;
        }
        failures.entrySet().removeIf(e -> {
            synchronized (e.getValue()) {
                prune(e.getValue(), now);
                return e.getValue().isEmpty();
            }
        });
    }
}
