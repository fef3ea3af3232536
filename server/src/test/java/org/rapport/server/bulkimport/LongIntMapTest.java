package org.rapport.server.bulkimport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class LongIntMapTest {

    @Test
    void getOrAddNext_numbersKeysInFirstSeenOrder_matchingHashMap() {
        SplittableRandom random = new SplittableRandom(7);
        LongIntMap map = new LongIntMap(1);
        Map<Long, Integer> oracle = new HashMap<>();
        for (int i = 0; i < 200_000; i++) {
            long key = random.nextInt(4) == 0 ? random.nextLong(Long.MAX_VALUE) : random.nextInt(50_000);
            int expected = oracle.computeIfAbsent(key, k -> oracle.size());
            assertThat(map.getOrAddNext(key)).isEqualTo(expected);
        }
        assertThat(map.size()).isEqualTo(oracle.size());
        oracle.forEach((k, v) -> assertThat(map.get(k)).isEqualTo(v));
        assertThat(map.get(Long.MAX_VALUE - 1)).isEqualTo(oracle.getOrDefault(Long.MAX_VALUE - 1, -1));
    }

    @Test
    void putIfAbsent_keepsTheFirstValue() {
        LongIntMap map = new LongIntMap(4);
        assertThat(map.putIfAbsent(0, 5)).isTrue();
        assertThat(map.putIfAbsent(0, 6)).isFalse();
        assertThat(map.get(0)).isEqualTo(5);
        assertThat(map.get(1)).isEqualTo(-1);
    }
}
