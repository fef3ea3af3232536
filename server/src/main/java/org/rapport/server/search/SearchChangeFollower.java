package org.rapport.server.search;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.rapport.server.account.MemberSignedUp;
import org.rapport.server.cluster.ClusterBus;
import org.rapport.server.cluster.ClusterJobs;
import org.rapport.server.member.ProfileChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps every node's people-search index following every node's profile changes (K7).
 *
 * <p>Each change that can alter what search shows of a member (a profile edit, a privacy change,
 * a sign-up, an erasure: the {@link ProfileChanged} and {@link MemberSignedUp} events) writes a
 * row to {@code search_changes} in the transaction that makes it, and a NOTIFY on the
 * {@link ClusterBus} sent at its commit. The other nodes re-read that member at once when the
 * NOTIFY arrives, and, as a safety net for NOTIFYs lost with a broken connection or sent while a
 * node was down, read the log every {@code rapport.search.poll-interval} for rows newer than what
 * they have applied (with a few seconds' overlap, since identity values are not handed out in
 * commit order). Re-reading a member is idempotent, so overlap and repeats cost a little work and
 * nothing else. The index commits how far it has applied the log; a node that restarts replays the
 * rows since then (the log keeps a day; a node down longer finds its index stale and rebuilds).
 *
 * <p>On SQLite (one node) nothing is logged: the index follows its own node's events.
 */
@Component
class SearchChangeFollower implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SearchChangeFollower.class);
    static final String TOPIC = "search";
    /** How far back each poll looks again: a row may commit this much after the id after it. */
    static final long OVERLAP_MILLIS = 10_000;
    static final Duration RETENTION = Duration.ofDays(1);

    private final PeopleIndex index;
    private final JdbcClient jdbc;
    private final ClusterBus bus;
    private final ClusterJobs jobs;
    private final Clock clock;
    private final boolean follow;
    private final long pollMillis;
    private final Set<Long> seen = new HashSet<>();
    private volatile boolean running;
    private ScheduledExecutorService poller;
    private long nextFrom = -1;

    SearchChangeFollower(PeopleIndex index, JdbcClient jdbc, ClusterBus bus, ClusterJobs jobs, Clock clock,
                         @Value("${rapport.scheduling.enabled:true}") boolean follow,
                         @Value("${rapport.search.poll-interval:1s}") Duration poll) {
        this.index = index;
        this.jdbc = jdbc;
        this.bus = bus;
        this.jobs = jobs;
        this.clock = clock;
        this.follow = follow;
        this.pollMillis = poll.toMillis();
        bus.on(TOPIC, body -> {
            if (running) {
                index.reconcile(body.path("m").asLong());
            }
        });
    }

    @EventListener
    void on(ProfileChanged event) {
        record(event.memberId());
    }

    @EventListener
    void on(MemberSignedUp event) {
        record(event.memberId());
    }

    private void record(long memberId) {
        if (!bus.clustered()) {
            return;
        }
        jdbc.sql("INSERT INTO search_changes (member_id, node_id, created_at) VALUES (:m, :node, :at)")
                .param("m", memberId).param("node", bus.nodeId()).param("at", System.currentTimeMillis()).update();
        bus.publish(TOPIC, Map.of("m", memberId));
    }

    @Override
    public synchronized void start() {
        running = true;
        if (!bus.clustered() || !follow) {
            return;
        }
        long committed = index.committedAppliedThrough();
        long oldest = System.currentTimeMillis() - RETENTION.toMillis();
        nextFrom = committed < 0 || committed < oldest ? System.currentTimeMillis() - OVERLAP_MILLIS : committed - OVERLAP_MILLIS;
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "search-change-follower");
            t.setDaemon(true);
            return t;
        });
        poller.scheduleWithFixedDelay(this::pollQuietly, 0, pollMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (poller != null) {
            poller.shutdownNow();
            poller = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void pollQuietly() {
        try {
            poll();
        } catch (RuntimeException e) {
            log.warn("Reading the search change log failed, retrying: {}", e.toString());
        }
    }

    /** Applies every other node's logged change since the last poll (with overlap); how many members were re-read. */
    int poll() {
        long started = System.currentTimeMillis();
        record Row(long id, long member, String node) {
        }
        List<Row> rows = jdbc.sql("SELECT id, member_id, node_id FROM search_changes WHERE created_at >= :from ORDER BY id")
                .param("from", nextFrom)
                .query((rs, n) -> new Row(rs.getLong(1), rs.getLong(2), rs.getString(3))).list();
        Set<Long> members = new HashSet<>();
        List<Long> ids = new ArrayList<>(rows.size());
        for (Row row : rows) {
            ids.add(row.id());
            if (!seen.contains(row.id()) && !row.node().equals(bus.nodeId())) {
                members.add(row.member());
            }
        }
        for (long member : members) {
            index.reconcile(member);
        }
        seen.clear();
        seen.addAll(ids);
        nextFrom = started - OVERLAP_MILLIS;
        index.appliedThrough(nextFrom);
        return members.size();
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT10M")
    void prune() {
        if (!bus.clustered()) {
            return;
        }
        jobs.runOnce("search.prune-change-log", Duration.ofHours(1), () -> jdbc
                .sql("DELETE FROM search_changes WHERE created_at < :before")
                .param("before", System.currentTimeMillis() - RETENTION.toMillis()).update());
    }
}
