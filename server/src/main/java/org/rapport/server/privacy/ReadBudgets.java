package org.rapport.server.privacy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;

import org.rapport.server.cluster.NodeShare;
import org.springframework.stereotype.Component;

/**
 * One Bucket4j token bucket per member and {@link ReadBudget}, with two limits: the per-minute
 * burst and the per-day total of {@link ReadLimits}, both refilling greedily. Time is the injected
 * {@link Clock}. Buckets live in this node's memory, each node allowing its {@link NodeShare} of
 * the budgets (divided by {@code rapport.cluster.nodes}), as the sign-in throttle does; one
 * untouched for a day is full again and is dropped when the map is swept (every 10,000 new
 * buckets), so memory follows the members active in the last day.
 */
@Component
public class ReadBudgets {

    private record Key(long member, ReadBudget budget) {
    }

    private record Entry(Bucket bucket, AtomicLong lastUsedNanos) {
    }

    private static final Duration DAY = Duration.ofDays(1);
    private static final int SWEEP_EVERY = 10_000;

    private final ReadLimits limits;
    private final NodeShare share;
    private final Clock clock;
    private final TimeMeter meter;
    private final ConcurrentHashMap<Key, Entry> buckets = new ConcurrentHashMap<>();
    private final AtomicLong created = new AtomicLong();

    ReadBudgets(ReadLimits limits, Clock clock, NodeShare share) {
        this.limits = limits;
        this.share = share;
        this.clock = clock;
        this.meter = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return nanos(ReadBudgets.this.clock.instant());
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
    }

    /** Spends one unit of {@code budget} for {@code memberId}, or throws {@link ReadBudgetExceededException}. */
    public void spend(long memberId, ReadBudget budget) {
        long now = nanos(clock.instant());
        Entry entry = buckets.computeIfAbsent(new Key(memberId, budget), k -> {
            if (created.incrementAndGet() % SWEEP_EVERY == 0) {
                sweep(now);
            }
            return new Entry(newBucket(budget), new AtomicLong(now));
        });
        entry.lastUsedNanos().set(now);
        ConsumptionProbe probe = entry.bucket().tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            throw new ReadBudgetExceededException(budget, limits.perMinute(budget), limits.perDay(budget),
                    Duration.ofNanos(probe.getNanosToWaitForRefill()));
        }
    }

    private Bucket newBucket(ReadBudget budget) {
        int minute = share.of(limits.perMinute(budget));
        int day = share.of(limits.perDay(budget));
        return Bucket.builder()
                .addLimit(l -> l.capacity(minute).refillGreedy(minute, Duration.ofMinutes(1)))
                .addLimit(l -> l.capacity(day).refillGreedy(day, DAY))
                .withCustomTimePrecision(meter)
                .build();
    }

    private void sweep(long now) {
        long idle = DAY.toNanos();
        buckets.values().removeIf(e -> now - e.lastUsedNanos().get() > idle);
    }

    private static long nanos(Instant i) {
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }
}
