package org.rapport.server.bulkimport;

import java.util.Arrays;

/**
 * Source ids (non-negative {@code long}s) to dense member indexes, without boxing: open addressing
 * with linear probing over parallel arrays, kept at most half full. About 24 bytes per entry at
 * the worst fill, so a million members cost some 32 MB instead of the ~80 MB of a
 * {@code HashMap<Long, Integer>}. Not thread-safe.
 */
final class LongIntMap {

    private static final long EMPTY = -1;

    private long[] keys;
    private int[] values;
    private int size;
    private int mask;

    LongIntMap(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, expected) * 2 - 1) << 1;
        keys = new long[capacity];
        Arrays.fill(keys, EMPTY);
        values = new int[capacity];
        mask = capacity - 1;
    }

    int size() {
        return size;
    }

    /** The value of {@code key}, or -1 when absent. */
    int get(long key) {
        assert key >= 0 : key;
        for (int i = slot(key); ; i = (i + 1) & mask) {
            long k = keys[i];
            if (k == key) {
                return values[i];
            }
            if (k == EMPTY) {
                return -1;
            }
        }
    }

    /** The value of {@code key}; when absent, stores {@code size()} for it first and returns that. */
    int getOrAddNext(long key) {
        if (key < 0) {
            throw new IllegalArgumentException("negative id " + key);
        }
        for (int i = slot(key); ; i = (i + 1) & mask) {
            long k = keys[i];
            if (k == key) {
                return values[i];
            }
            if (k == EMPTY) {
                int value = size;
                keys[i] = key;
                values[i] = value;
                if (++size * 2 > keys.length) {
                    grow();
                }
                return value;
            }
        }
    }

    /** Stores {@code value} for {@code key}; false (and no change) if the key is already present. */
    boolean putIfAbsent(long key, int value) {
        if (key < 0) {
            throw new IllegalArgumentException("negative id " + key);
        }
        for (int i = slot(key); ; i = (i + 1) & mask) {
            long k = keys[i];
            if (k == key) {
                return false;
            }
            if (k == EMPTY) {
                keys[i] = key;
                values[i] = value;
                if (++size * 2 > keys.length) {
                    grow();
                }
                return true;
            }
        }
    }

    private int slot(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        Arrays.fill(keys, EMPTY);
        values = new int[oldValues.length * 2];
        mask = keys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            long key = oldKeys[j];
            if (key != EMPTY) {
                int i = slot(key);
                while (keys[i] != EMPTY) {
                    i = (i + 1) & mask;
                }
                keys[i] = key;
                values[i] = oldValues[j];
            }
        }
    }
}
