package org.rapport.server.cluster;

import java.time.Duration;
import java.time.Instant;

import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Runs a scheduled job at most once across the cluster per interval: every node's scheduler fires,
 * and only the node that takes the job's row in {@code shedlock} runs it (ShedLock's JDBC lock
 * provider). The lock is held at least {@code atLeast} (so the other nodes, firing a little later,
 * find it taken and skip this round) and at most {@code atMost} (so a node that died holding it
 * does not stop the job for ever).
 *
 * <p>Jobs are plain method calls wrapped here rather than annotated, so that tests and commands
 * calling the job's method directly run it without any lock.
 */
@Component
public class ClusterJobs {

    private static final Logger log = LoggerFactory.getLogger(ClusterJobs.class);

    private final LockingTaskExecutor executor;

    ClusterJobs(JdbcTemplate jdbc) {
        LockProvider provider = new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(jdbc)
                .withTableName("shedlock")
                .build());
        this.executor = new DefaultLockingTaskExecutor(provider);
    }

    /**
     * Runs {@code job}, scheduled every {@code interval} on each node, unless another node ran it in
     * the last half interval or is running it now; true when it ran here. The lock is held at least
     * half the interval and at most the interval or 30 minutes, whichever is longer. A failure of
     * the job is logged, and the next round retries.
     */
    public boolean runOnce(String name, Duration interval, Runnable job) {
        Duration atLeast = interval.dividedBy(2);
        Duration atMost = interval.compareTo(Duration.ofMinutes(30)) > 0 ? interval : Duration.ofMinutes(30);
        return runOnce(name, atMost, atLeast, job);
    }

    /** As {@link #runOnce(String, Duration, Runnable)} with the lock's bounds given. */
    public boolean runOnce(String name, Duration atMost, Duration atLeast, Runnable job) {
        try {
            LockingTaskExecutor.TaskResult<Boolean> result = executor.executeWithLock(() -> {
                job.run();
                return Boolean.TRUE;
            }, new LockConfiguration(Instant.now(), name, atMost, atLeast));
            return result.wasExecuted();
        } catch (Throwable e) {
            log.warn("The scheduled job {} failed; it runs again next round: {}", name, e.toString());
            return false;
        }
    }
}
