package org.rapport.server.bulkimport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

class EdgeBufferTest {

    @Test
    void finish_dropsSelfLoopsAndDuplicatesInEitherOrientation_keepingTheEarliestTime() {
        EdgeBuffer edges = new EdgeBuffer(true, 2);
        edges.add(3, 1, 50);
        edges.add(1, 3, 20);
        edges.add(2, 2, 10);
        edges.add(1, 2, EdgeBuffer.NO_TIME);
        edges.add(2, 1, 70);
        edges.finish();

        assertThat(edges.size()).isEqualTo(2);
        assertThat(edges.selfLoops()).isEqualTo(1);
        assertThat(edges.duplicates()).isEqualTo(2);
        assertThat(List.of(edges.lo(0), edges.hi(0), (int) edges.time(0))).containsExactly(1, 2, 70);
        assertThat(List.of(edges.lo(1), edges.hi(1), (int) edges.time(1))).containsExactly(1, 3, 20);
    }

    @Test
    void finish_randomEdges_matchesNaiveOracle() {
        for (long seed = 1; seed <= 20; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            boolean dated = seed % 2 == 0;
            int members = 1 + random.nextInt(seed < 10 ? 30 : 100_000);
            int count = random.nextInt(20_000);
            EdgeBuffer edges = new EdgeBuffer(dated, 1);
            TreeMap<Long, Long> oracle = new TreeMap<>();
            long loops = 0;
            for (int i = 0; i < count; i++) {
                int a = random.nextInt(members);
                int b = random.nextInt(members);
                long time = random.nextInt(5) == 0 ? EdgeBuffer.NO_TIME : random.nextLong(1L << 42);
                edges.add(a, b, time);
                if (a == b) {
                    loops++;
                } else {
                    oracle.merge((long) Math.min(a, b) << 32 | Math.max(a, b), dated ? time : EdgeBuffer.NO_TIME,
                            Math::min);
                }
            }
            edges.finish();

            List<long[]> actual = new ArrayList<>();
            for (int i = 0; i < edges.size(); i++) {
                actual.add(new long[] {(long) edges.lo(i) << 32 | edges.hi(i), edges.time(i)});
            }
            assertThat(edges.size()).as("seed %d", seed).isEqualTo(oracle.size());
            assertThat(edges.selfLoops()).isEqualTo(loops);
            assertThat(edges.duplicates()).isEqualTo(count - loops - oracle.size());
            int i = 0;
            for (var e : oracle.entrySet()) {
                assertThat(actual.get(i)[0]).as("seed %d edge %d", seed, i).isEqualTo(e.getKey());
                assertThat(actual.get(i)[1]).as("seed %d time %d", seed, i).isEqualTo(e.getValue());
                i++;
            }
        }
    }

    @Test
    void remap_renumbersBothEndsAndKeepsPairsOrdered() {
        EdgeBuffer edges = new EdgeBuffer(false, 4);
        edges.add(0, 1, EdgeBuffer.NO_TIME);
        edges.add(1, 2, EdgeBuffer.NO_TIME);
        edges.remap(new int[] {2, 1, 0});
        edges.finish();
        assertThat(List.of(edges.lo(0), edges.hi(0), edges.lo(1), edges.hi(1))).containsExactly(0, 1, 1, 2);
        assertThat(edges.time(0)).isEqualTo(EdgeBuffer.NO_TIME);
    }
}
