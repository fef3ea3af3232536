package org.rapport.server.system;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * A health check that never makes {@code /actuator/health} wait (issue 14). The check runs on a
 * thread of its own every {@code interval}; {@link #health()} answers at once with the latest
 * result, or DOWN when the check in flight has taken longer than {@code patience} (a database
 * that does not answer is down, however long the driver would wait for it).
 */
public abstract class BackgroundHealth implements HealthIndicator, InitializingBean, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(BackgroundHealth.class);

    private final long intervalMillis;
    private final long patienceNanos;
    private final Thread thread;
    private volatile Health latest;
    private volatile long inFlightSince;
    private volatile boolean running = true;

    protected BackgroundHealth(String name, Duration interval, Duration patience) {
        this.intervalMillis = interval.toMillis();
        this.patienceNanos = patience.toNanos();
        this.thread = new Thread(this::run, "health-" + name);
        this.thread.setDaemon(true);
    }

    /** Starts checking once the subclass is fully built. */
    @Override
    public void afterPropertiesSet() {
        thread.start();
    }

    /** The check itself; may block, may throw (DOWN with the error). */
    protected abstract Health check() throws Exception;

    @Override
    public Health health() {
        long deadline = System.nanoTime() + patienceNanos;
        while (latest == null && System.nanoTime() < deadline) {
            // Just started: give the first check the same patience as any other.
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        long since = inFlightSince;
        long waited = since == 0 ? 0 : System.nanoTime() - since;
        if (waited > patienceNanos) {
            return Health.down().withDetail("error", "no answer for " + waited / 1_000_000 + " ms").build();
        }
        Health h = latest;
        return h != null ? h : Health.unknown().withDetail("reason", "first check still running").build();
    }

    private void run() {
        while (running) {
            inFlightSince = System.nanoTime() | 1;
            Health h;
            try {
                h = check();
            } catch (Exception e) {
                h = Health.down().withDetail("error", e.getClass().getSimpleName() + ": " + e.getMessage()).build();
            } catch (Error e) {
                log.warn("Health check failed", e);
                h = Health.down().withDetail("error", e.toString()).build();
            }
            latest = h;
            inFlightSince = 0;
            try {
                Thread.sleep(intervalMillis);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void destroy() {
        running = false;
        thread.interrupt();
    }
}
