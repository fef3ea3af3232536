package org.rapport.server.profileview;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.ReentrantLock;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import jakarta.annotation.PreDestroy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records profile views without slowing the page that shows the profile: {@link #record} only
 * offers the view to a bounded in-memory queue (no I/O, never blocks); one background thread
 * drains the queue every {@value #INTERVAL_MILLIS} ms and writes it in transactions of up to
 * {@value #BATCH} views. Views leave the queue only under the writing lock, so {@link #flush()}
 * returns once every view recorded before it is stored. When the queue is full (the database is far behind), new
 * views are dropped and counted ({@code rapport.profile_views{outcome="dropped"}}): view counts
 * are statistics, and losing a few under overload is better than slowing every profile page.
 * Views still queued when the server stops are written on shutdown; a crash loses at most the
 * last interval's views.
 */
@Component
public class ProfileViewRecorder {

    private static final Logger log = LoggerFactory.getLogger(ProfileViewRecorder.class);
    static final int CAPACITY = 20_000;
    static final int BATCH = 500;
    static final long INTERVAL_MILLIS = 500;

    private final BlockingQueue<ProfileViewRepository.View> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final ProfileViewRepository repository;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Counter recorded;
    private final Counter dropped;
    private final ReentrantLock writing = new ReentrantLock();
    /** The batch being written; kept when a write fails. Guarded by {@link #writing}. */
    private final List<ProfileViewRepository.View> pending = new ArrayList<>(BATCH);
    private final Thread writer;
    private volatile boolean running = true;

    public ProfileViewRecorder(ProfileViewRepository repository, TransactionTemplate tx, Clock clock,
                               MeterRegistry meters) {
        this.repository = repository;
        this.tx = tx;
        this.clock = clock;
        this.recorded = Counter.builder("rapport.profile_views").tag("outcome", "recorded")
                .description("Profile views recorded or dropped under overload").register(meters);
        this.dropped = Counter.builder("rapport.profile_views").tag("outcome", "dropped")
                .description("Profile views recorded or dropped under overload").register(meters);
        this.writer = new Thread(this::run, "profile-view-writer");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /** Notes that {@code viewer} looked at {@code viewed}'s profile now. Self-views are not views. */
    public void record(long viewer, long viewed) {
        if (viewer == viewed) {
            return;
        }
        if (queue.offer(new ProfileViewRepository.View(viewer, viewed, clock.instant()))) {
            recorded.increment();
        } else {
            dropped.increment();
        }
    }

    /**
     * Writes every queued view now (used on shutdown and by tests that read views back). A batch
     * the database refused (busy, unreachable) is kept and written first next time, not dropped.
     */
    public void flush() {
        writing.lock();
        try {
            if (pending.isEmpty()) {
                queue.drainTo(pending, BATCH);
            }
            while (!pending.isEmpty()) {
                write(pending);
                pending.clear();
                queue.drainTo(pending, BATCH);
            }
        } finally {
            writing.unlock();
        }
    }

    private void run() {
        while (running) {
            try {
                Thread.sleep(INTERVAL_MILLIS);
            } catch (InterruptedException e) {
                return; // stopping: stop() writes what is queued
            }
            try {
                flush();
            } catch (RuntimeException e) {
                log.warn("Could not store a batch of profile views, keeping it for the next try: {}", e.getMessage());
            }
        }
    }

    private void write(List<ProfileViewRepository.View> batch) {
        tx.executeWithoutResult(status -> repository.insert(batch));
    }

    @PreDestroy
    void stop() throws InterruptedException {
        running = false;
        writer.interrupt();
        writer.join(5_000);
        try {
            org.rapport.server.system.BackgroundRetry.call("Storing the last profile views", 4,
                    java.time.Duration.ofMillis(500), () -> {
                        flush();
                        return null;
                    });
        } catch (RuntimeException e) {
            log.warn("Could not store the last profile views on shutdown: {}", e.getMessage());
        }
    }
}
