package org.rapport.server.account;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.rapport.server.system.ServiceUnavailableException;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * A password encoder that lets at most {@code permits} hashes run at once; the others wait their
 * turn, up to {@code wait}, then are refused with 503 and {@code Retry-After}.
 *
 * <p>Argon2 is expensive by design (each hash takes 64 MiB and tens of milliseconds of a core), so
 * hashes in parallel beyond the number of cores buy nothing and cost a great deal: fifty sign-ups
 * or wrong passwords at once asked for 3.2 GB of heap and competed with every other request for
 * the CPU (issue 14's soak). Bounded, the heap the hashes use is {@code permits} × 64 MiB, and
 * the requests that are not hashing keep more of their share of the machine.
 */
final class BoundedPasswordEncoder implements PasswordEncoder {

    private final PasswordEncoder delegate;
    private final Semaphore permits;
    private final Duration wait;

    BoundedPasswordEncoder(PasswordEncoder delegate, int permits, Duration wait) {
        if (permits < 1) {
            throw new IllegalArgumentException("at least one password hash must be allowed at a time");
        }
        this.delegate = delegate;
        this.permits = new Semaphore(permits, true);
        this.wait = wait;
    }

    @Override
    public String encode(CharSequence rawPassword) {
        acquire();
        try {
            return delegate.encode(rawPassword);
        } finally {
            permits.release();
        }
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        acquire();
        try {
            return delegate.matches(rawPassword, encodedPassword);
        } finally {
            permits.release();
        }
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return delegate.upgradeEncoding(encodedPassword);
    }

    /** Hashes waiting for their turn (for tests and metrics). */
    int waiting() {
        return permits.getQueueLength();
    }

    private void acquire() {
        boolean got;
        try {
            got = permits.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            got = false;
        }
        if (!got) {
            throw new ServiceUnavailableException("busy", "Busy",
                    "The server is checking many passwords just now; nothing was changed. Please try again in a moment.",
                    Duration.ofSeconds(2), null);
        }
    }
}
