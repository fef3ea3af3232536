package org.rapport.server.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.rapport.server.cluster.NodeShare;
import org.rapport.server.system.RapportProperties;
import org.rapport.server.system.RateLimitException;
import org.springframework.stereotype.Component;

/**
 * Slows password guessing down without ever locking the owner out (issue 16).
 *
 * <p>Failures are counted per (account, client) pair and per client. Past
 * {@code rapport.login.max-failures} free failures of a pair (five times as many for a client
 * across all addresses, a shared office or NAT), that client must wait before its next attempt:
 * {@code first-delay}, doubling with every further failure, at most {@code max-delay}. An attempt
 * made while waiting is refused (429 with {@code Retry-After}) without looking at the password, so
 * it neither counts nor teaches the guesser anything. A count is forgotten {@code window} after
 * its last failure.
 *
 * <p>Nothing is counted per account alone: that is the lock-out the issue describes (ten guesses
 * for her address and the owner is out). A client that has not been failing always gets its
 * password checked. Against many clients guessing one account, the account's failures are
 * counted too, but they slow down only clients that have failed themselves.
 *
 * <p>Kept in memory: per node (each node allows its {@link NodeShare} of the free failures, so
 * a cluster allows about the documented number), forgotten on restart, a few dozen bytes per key; stale keys are
 * swept as new failures arrive. A success clears the pair.
 */
@Component
public class LoginThrottle {

    /** A client (or an account under attack) may fail this many times more than one pair may. */
    static final int CLIENT_FACTOR = 5;
    private static final int SWEEP_EVERY = 1024;

    private final Map<String, Failures> failures = new ConcurrentHashMap<>();
    private final Clock clock;
    private final int freeFailures;
    private final Duration firstDelay;
    private final Duration maxDelay;
    private final Duration window;
    private final AtomicInteger sinceSweep = new AtomicInteger();

    public LoginThrottle(Clock clock, RapportProperties properties, NodeShare share) {
        this.clock = clock;
        this.freeFailures = share.of(properties.login().maxFailures());
        this.firstDelay = properties.login().firstDelay();
        this.maxDelay = properties.login().maxDelay();
        this.window = properties.login().window();
    }

    /** Failures of one key: how many, and when the last one was. Guarded by itself. */
    private static final class Failures {
        int count;
        Instant last;
    }

    /**
     * Throws {@link RateLimitException} when this client must still wait before trying this
     * address again. {@code client} is the remote address (the real client's when a trusted proxy
     * forwards it); {@code null} (a command-line caller) is never throttled.
     */
    public void check(String email, String client) {
        if (client == null) {
            return;
        }
        Instant now = clock.instant();
        String account = account(email);
        Duration wait = max(waitFor(pair(account, client), freeFailures, now),
                waitFor(client(client), freeFailures * CLIENT_FACTOR, now));
        if (wait.isZero() && hasFailed(client(client), now)) {
            wait = waitFor(account, freeFailures * CLIENT_FACTOR, now);
        }
        if (!wait.isZero()) {
            long seconds = Math.max(1, wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0));
            throw new RateLimitException("too-many-sign-in-attempts",
                    "Too many failed sign-in attempts from here. Try again in " + (seconds < 120
                            ? seconds + " seconds." : (seconds + 59) / 60 + " minutes."), wait);
        }
    }

    public void recordFailure(String email, String client) {
        if (client == null) {
            return;
        }
        Instant now = clock.instant();
        String account = account(email);
        record(pair(account, client), now);
        record(client(client), now);
        record(account, now);
        maybeSweep(now);
    }

    /** The right password: this client's failures for this address are forgiven. */
    public void recordSuccess(String email, String client) {
        if (client != null) {
            failures.remove(pair(account(email), client));
        }
    }

    private static String account(String email) {
        return "a:" + email.toLowerCase(Locale.ROOT);
    }

    private static String pair(String account, String client) {
        return "p:" + client + " " + account;
    }

    private static String client(String client) {
        return "c:" + client;
    }

    /** How long a key past its free failures must still wait; zero when it may try now. */
    private Duration waitFor(String key, int free, Instant now) {
        Failures f = failures.get(key);
        if (f == null) {
            return Duration.ZERO;
        }
        synchronized (f) {
            if (f.count < free || stale(f, now)) {
                return Duration.ZERO;
            }
            Instant until = f.last.plus(delay(f.count - free));
            return until.isAfter(now) ? Duration.between(now, until) : Duration.ZERO;
        }
    }

    /** The delay after the {@code excess}-th failure past the free ones: doubling, capped. */
    Duration delay(int excess) {
        if (excess >= 30) {
            return maxDelay;
        }
        Duration d = firstDelay.multipliedBy(1L << excess);
        return d.compareTo(maxDelay) > 0 ? maxDelay : d;
    }

    private boolean hasFailed(String key, Instant now) {
        Failures f = failures.get(key);
        if (f == null) {
            return false;
        }
        synchronized (f) {
            return f.count > 0 && !stale(f, now);
        }
    }

    private boolean stale(Failures f, Instant now) {
        return f.last == null || !f.last.plus(window).isAfter(now);
    }

    private void record(String key, Instant now) {
        Failures f = failures.computeIfAbsent(key, k -> new Failures());
        synchronized (f) {
            if (stale(f, now)) {
                f.count = 0;
            }
            if (f.count < Integer.MAX_VALUE) {
                f.count++;
            }
            f.last = now;
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private void maybeSweep(Instant now) {
        if (sinceSweep.incrementAndGet() % SWEEP_EVERY != 0) {
            return;
        }
        failures.entrySet().removeIf(e -> {
            synchronized (e.getValue()) {
                return stale(e.getValue(), now);
            }
        });
    }
}
