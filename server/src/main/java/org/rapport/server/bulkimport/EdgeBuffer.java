package org.rapport.server.bulkimport;

import java.util.Arrays;

/**
 * The connections of an import while it is read: pairs of member indexes, each stored once as a
 * {@code long} key {@code lo << 32 | hi} (lo &lt; hi), with the time it was made when the source
 * has one. {@link #finish()} sorts them by key, which is also the order in which they are written
 * (the connections table's primary key order), and drops duplicates in either orientation, keeping
 * the earliest time.
 *
 * <p>Memory: 8 bytes per read edge without times, 16 with, and while sorting dated edges the same
 * again. Sorting is {@link Arrays#parallelSort} for undated edges and a stable four-pass LSD radix
 * sort carrying the times for dated ones, linear in the number of edges.
 */
final class EdgeBuffer {

    /** The time of an edge whose source gives none; the import's own time is used when writing. */
    static final long NO_TIME = Long.MAX_VALUE;

    private final boolean dated;
    private long[] keys;
    private long[] times;
    private int size;
    private long selfLoops;
    private long duplicates;
    private boolean finished;

    EdgeBuffer(boolean dated, int expected) {
        this.dated = dated;
        this.keys = new long[Math.max(16, expected)];
        this.times = dated ? new long[keys.length] : null;
    }

    /** Adds the connection a–b made at {@code time} ({@link #NO_TIME} if unknown); a self-loop is counted and dropped. */
    void add(int a, int b, long time) {
        assert !finished;
        assert a >= 0 && b >= 0;
        if (a == b) {
            selfLoops++;
            return;
        }
        if (size == keys.length) {
            if (size == Integer.MAX_VALUE - 8) {
                throw new ImportRejectedException("too many connections in one import (more than " + size + ")");
            }
            int capacity = (int) Math.min(Integer.MAX_VALUE - 8, size + (long) (size >> 1) + 16);
            keys = Arrays.copyOf(keys, capacity);
            if (dated) {
                times = Arrays.copyOf(times, capacity);
            }
        }
        keys[size] = key(a, b);
        if (dated) {
            times[size] = time;
        }
        size++;
    }

    /** Renumbers the members of every edge: index {@code i} becomes {@code newIndex[i]}. Before {@link #finish()}. */
    void remap(int[] newIndex) {
        assert !finished;
        for (int i = 0; i < size; i++) {
            long k = keys[i];
            keys[i] = key(newIndex[(int) (k >>> 32)], newIndex[(int) k]);
        }
    }

    /** Sorts by pair and drops duplicates, keeping the earliest time of each pair. */
    void finish() {
        if (finished) {
            return;
        }
        if (dated) {
            radixSort();
        } else {
            Arrays.parallelSort(keys, 0, size);
        }
        int out = 0;
        for (int i = 0; i < size; i++) {
            if (out > 0 && keys[out - 1] == keys[i]) {
                if (dated && times[i] < times[out - 1]) {
                    times[out - 1] = times[i];
                }
                continue;
            }
            keys[out] = keys[i];
            if (dated) {
                times[out] = times[i];
            }
            out++;
        }
        duplicates = size - out;
        size = out;
        finished = true;
    }

    /** Stable LSD radix sort of keys (62 bits used) carrying times, 16 bits per pass. */
    private void radixSort() {
        long[] k2 = new long[size];
        long[] t2 = new long[size];
        long[] kSrc = keys;
        long[] tSrc = times;
        long[] kDst = k2;
        long[] tDst = t2;
        int[] counts = new int[1 << 16];
        for (int shift = 0; shift < 64; shift += 16) {
            Arrays.fill(counts, 0);
            for (int i = 0; i < size; i++) {
                counts[(int) (kSrc[i] >>> shift) & 0xFFFF]++;
            }
            int sum = 0;
            for (int d = 0; d < counts.length; d++) {
                int c = counts[d];
                counts[d] = sum;
                sum += c;
            }
            for (int i = 0; i < size; i++) {
                int pos = counts[(int) (kSrc[i] >>> shift) & 0xFFFF]++;
                kDst[pos] = kSrc[i];
                tDst[pos] = tSrc[i];
            }
            long[] swap = kSrc;
            kSrc = kDst;
            kDst = swap;
            swap = tSrc;
            tSrc = tDst;
            tDst = swap;
        }
        // Four passes: the sorted data is back in the arrays it started in.
        assert kSrc == keys || kSrc == k2;
        keys = kSrc;
        times = tSrc;
    }

    static long key(int a, int b) {
        return a < b ? (long) a << 32 | b : (long) b << 32 | a;
    }

    boolean dated() {
        return dated;
    }

    /** Edges held: after {@link #finish()}, distinct pairs. */
    int size() {
        return size;
    }

    int lo(int i) {
        assert finished;
        return (int) (keys[i] >>> 32);
    }

    int hi(int i) {
        assert finished;
        return (int) keys[i];
    }

    /** The time of edge {@code i}, or {@link #NO_TIME}. */
    long time(int i) {
        return dated ? times[i] : NO_TIME;
    }

    long selfLoops() {
        return selfLoops;
    }

    /** Pairs seen more than once (either orientation), counted once per extra sighting. */
    long duplicates() {
        return duplicates;
    }
}
