package org.rapport.server.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.rapport.server.cluster.NodeShare;
import org.rapport.server.system.RateLimitException;
import org.springframework.stereotype.Component;

/**
 * At most {@code rapport.accounts.signup-limit} accounts made from one client in a sliding
 * {@code signup-window}, on the page and through the API alike. Counts accounts made, not
 * attempts: a form sent back with a typo costs nothing. In memory, per node.
 */
@Component
class SignUpThrottle {

    private static final int SWEEP_EVERY = 256;

    private final Map<String, Deque<Instant>> made = new ConcurrentHashMap<>();
    private final Clock clock;
    private final int limit;
    private final Duration window;
    private final AtomicInteger sinceSweep = new AtomicInteger();

    SignUpThrottle(Clock clock, AccountProperties properties, NodeShare share) {
        this.clock = clock;
        this.limit = share.of(properties.signupLimit());
        this.window = properties.signupWindow();
    }

    /**
     * Takes one of {@code client}'s sign-ups in the window, or throws when it has none left
     * ({@code null}: the CLI, never limited). Check and take are one step, so concurrent sign-ups
     * cannot slip past the limit together; {@link #release} gives the slot back if no account was made.
     */
    Instant reserve(String client) {
        Instant now = clock.instant();
        if (client == null) {
            return now;
        }
        Deque<Instant> q = made.computeIfAbsent(client, k -> new ArrayDeque<>());
        synchronized (q) {
            prune(q, now);
            if (q.size() >= limit) {
                Duration wait = Duration.between(now, q.peekFirst().plus(window));
                throw new RateLimitException("too-many-sign-ups", "Too many accounts were made from here. "
                        + "Try again in " + Math.max(1, (wait.toSeconds() + 59) / 60) + " minutes.", wait);
            }
            q.addLast(now);
        }
        if (sinceSweep.incrementAndGet() % SWEEP_EVERY == 0) {
            made.entrySet().removeIf(e -> {
                synchronized (e.getValue()) {
                    prune(e.getValue(), now);
                    return e.getValue().isEmpty();
                }
            });
        }
        return now;
    }

    /** Gives back a slot {@link #reserve} took for a sign-up that made no account. */
    void release(String client, Instant reserved) {
        if (client == null) {
            return;
        }
        Deque<Instant> q = made.get(client);
        if (q != null) {
            synchronized (q) {
                q.removeLastOccurrence(reserved);
            }
        }
    }

    private void prune(Deque<Instant> q, Instant now) {
        Instant cutoff = now.minus(window);
        while (!q.isEmpty() && !q.peekFirst().isAfter(cutoff)) {
            q.removeFirst();
        }
    }
}
