package org.rapport.graph;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Reusable working memory for one traversal at a time: an epoch-stamped visit array, a parent
 * array for path reconstruction and a few frontier queues, all plain {@code int[]}.
 *
 * <p><b>Epoch stamps.</b> {@code stamps[v] == s} means "v was reached in the traversal that owns
 * stamp {@code s}". Each traversal takes fresh stamp values with {@link #freshStamps(int)}, which
 * are larger than anything already in the array, so nothing has to be cleared between queries and
 * a query costs only what it touches. When the counter would overflow, the array is zeroed once
 * and counting restarts at 1 (0 is never a live stamp). The array is indexed by member id and is
 * grown to the graph's id capacity on demand, so it costs 4 bytes per possible member id; the
 * parent array, used only by shortest paths, costs another 4 bytes per id once used, and the
 * counter and weight arrays, used only by suggestions, 12 more bytes per id once used.
 *
 * <p><b>Ownership.</b> A scratch belongs to exactly one query between {@link Pool#acquire(int)}
 * and {@link Pool#release(Scratch)}, so none of its fields need synchronization; the pool's atomic
 * slot hand-off orders one owner's writes before the next owner's reads.
 */
final class Scratch {

    int[] stamps = new int[0];
    int[] parents = new int[0];
    int[] queueA = new int[16];
    int[] queueB = new int[16];
    int[] queueC = new int[16];
    int[] queueD = new int[16];
    /** Per-id counters and weights for {@code suggest}, meaningful only where stamped; allocated on first use. */
    int[] counts = new int[0];
    double[] weights = new double[0];
    long[] keys = new long[16];
    private int lastStamp;

    /** Grows the visit array so that every member id below {@code capacity} can be stamped. */
    void ensureCapacity(int capacity) {
        if (stamps.length < capacity) {
            // New slots are 0, which no live stamp uses, so growing never invalidates a stamp.
            stamps = Arrays.copyOf(stamps, capacity);
        }
    }

    /** Grows the parent array to {@code capacity} ids; its contents are meaningful only where stamped. */
    void ensureParents(int capacity) {
        if (parents.length < capacity) {
            parents = new int[capacity];
        }
    }

    /** Grows the counter and weight arrays to {@code capacity} ids (for suggestions). */
    void ensureTallies(int capacity) {
        if (counts.length < capacity) {
            counts = new int[capacity];
            weights = new double[capacity];
        }
    }

    /**
     * Reserves {@code count} consecutive stamp values that appear nowhere in the visit array and
     * returns the first.
     */
    int freshStamps(int count) {
        assert count > 0 && count < 1 << 20;
        if (lastStamp > Integer.MAX_VALUE - count) {
            Arrays.fill(stamps, 0);
            lastStamp = 0;
        }
        int first = lastStamp + 1;
        lastStamp += count;
        return first;
    }

    /** Returns {@code queue}, or a copy at least twice as long if it cannot hold {@code size} + 1. */
    static int[] ensureRoom(int[] queue, int size) {
        if (size < queue.length) {
            return queue;
        }
        return Arrays.copyOf(queue, Math.max(16, (int) Math.min(Integer.MAX_VALUE - 8, 2L * queue.length)));
    }

    /** For tests: forces the next {@link #freshStamps(int)} to wrap around. */
    void exhaustStampsForTesting() {
        lastStamp = Integer.MAX_VALUE - 1;
    }

    /**
     * A small lock-free pool of scratches, one per graph. It bounds the memory kept between
     * queries to {@code slots} scratches whatever the number of request threads (a
     * {@code ThreadLocal} would keep one per thread: hundreds of id-sized arrays under a large
     * servlet pool, and a new one per request under virtual threads). A query that finds the pool
     * empty allocates a scratch and offers it back afterwards; if every slot is full it is left to
     * the garbage collector.
     */
    static final class Pool {

        private final AtomicReferenceArray<Scratch> slots;

        Pool(int slotCount) {
            if (slotCount < 1) {
                throw new IllegalArgumentException("slotCount must be at least 1, was " + slotCount);
            }
            this.slots = new AtomicReferenceArray<>(slotCount);
        }

        static Pool sizedForThisMachine() {
            return new Pool(Math.max(2, Runtime.getRuntime().availableProcessors()));
        }

        /**
         * The slot a thread tries first, for both taking and giving back, so that a thread keeps
         * finding the scratch it used last, still in its core's cache, instead of one another
         * core has just written (threads with consecutive ids, like a pool's, get different
         * slots). An identity hash here made two threads on two cores share a home slot half
         * the time and pass their scratches back and forth.
         */
        @SuppressWarnings("deprecation") // Thread.threadId() is Java 19+; getId() is the same number
        private static int home(int n) {
            return (int) ((Thread.currentThread().getId() & Long.MAX_VALUE) % n);
        }

        /** Takes a scratch able to stamp ids below {@code capacity}, exclusively for the caller. */
        Scratch acquire(int capacity) {
            int n = slots.length();
            int start = home(n);
            for (int k = 0; k < n; k++) {
                int i = (start + k) % n;
                if (slots.get(i) != null) {
                    Scratch taken = slots.getAndSet(i, null);
                    if (taken != null) {
                        taken.ensureCapacity(capacity);
                        return taken;
                    }
                }
            }
            Scratch fresh = new Scratch();
            fresh.ensureCapacity(capacity);
            return fresh;
        }

        /** Gives a scratch back; the caller must not use it afterwards. */
        void release(Scratch scratch) {
            int n = slots.length();
            int start = home(n);
            for (int k = 0; k < n; k++) {
                int i = (start + k) % n;
                if (slots.get(i) == null && slots.compareAndSet(i, null, scratch)) {
                    return;
                }
            }
        }
    }
}
