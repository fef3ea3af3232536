package org.rapport.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Readers query without pause while one writer applies a random sequence of connects,
 * disconnects and member removals, including ids that force the outer array to grow. Readers must
 * never throw and never see a list that is unsorted, duplicated or contains its own member; at the
 * end the graph must equal the oracle the writer kept alongside.
 */
class ConcurrencyTest {

    private static final long SEED = 77_001L;
    private static final int READERS = 3;
    private static final int INITIAL_MEMBERS = 400;
    private static final int OPERATIONS = 30_000;

    @Test
    void readers_duringRandomWrites_seeOnlyWellFormedAnswers() throws InterruptedException {
        SplittableRandom setup = new SplittableRandom(SEED);
        NaiveGraph oracle = new NaiveGraph();
        int[] from = new int[INITIAL_MEMBERS * 4];
        int[] to = new int[INITIAL_MEMBERS * 4];
        for (int i = 0; i < from.length; i++) {
            from[i] = setup.nextInt(INITIAL_MEMBERS);
            to[i] = setup.nextInt(INITIAL_MEMBERS);
            if (from[i] != to[i]) {
                oracle.connect(from[i], to[i]);
            }
        }
        ConnectionGraph graph = ConnectionGraph.fromEdges(from, to, from.length);

        AtomicInteger idBound = new AtomicInteger(INITIAL_MEMBERS);
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicLong queries = new AtomicLong();
        Queue<Throwable> problems = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);

        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < READERS; r++) {
            long readerSeed = SEED + 1 + r;
            Thread reader = new Thread(() -> {
                SplittableRandom random = new SplittableRandom(readerSeed);
                try {
                    start.await();
                    // At least one full round after the writer stops, so late states are read too.
                    boolean lastRound = false;
                    while (!lastRound) {
                        lastRound = !writing.get();
                        for (int k = 0; k < 200; k++) {
                            // Mostly the dense initial members, sometimes anyone up to the newest id.
                            int bound = random.nextInt(5) == 0 ? idBound.get() + 2 : INITIAL_MEMBERS;
                            readOnce(graph, random.nextInt(bound), random.nextInt(bound), random);
                            queries.incrementAndGet();
                        }
                    }
                } catch (Throwable problem) {
                    problems.add(problem);
                }
            }, "reader-" + r);
            reader.start();
            readers.add(reader);
        }

        Thread writer = new Thread(() -> {
            SplittableRandom random = new SplittableRandom(SEED - 1);
            try {
                start.await();
                int nextNewId = INITIAL_MEMBERS;
                for (int step = 0; step < OPERATIONS; step++) {
                    int roll = random.nextInt(100);
                    int a = random.nextInt(INITIAL_MEMBERS);
                    int b = random.nextInt(INITIAL_MEMBERS);
                    if (roll < 2) {
                        // A new member far beyond the current ids: the outer array has to grow.
                        nextNewId += 1 + random.nextInt(2_000);
                        idBound.set(nextNewId + 1);
                        b = nextNewId;
                    }
                    if (roll < 55) {
                        if (a != b) {
                            check(graph.connect(a, b) == oracle.connect(a, b), "connect", a, b);
                        }
                    } else if (roll < 98) {
                        boolean expected = a != b && oracle.disconnect(a, b);
                        check(graph.disconnect(a, b) == expected, "disconnect", a, b);
                    } else {
                        check(graph.removeMember(a) == oracle.removeMember(a), "removeMember", a, a);
                    }
                }
            } catch (Throwable problem) {
                problems.add(problem);
            } finally {
                writing.set(false);
            }
        }, "writer");
        writer.start();

        start.countDown();
        writer.join(TimeUnit.MINUTES.toMillis(2));
        for (Thread reader : readers) {
            reader.join(TimeUnit.MINUTES.toMillis(1));
        }
        assertThat(writer.isAlive()).as("writer finished").isFalse();
        assertThat(readers).noneMatch(Thread::isAlive);
        assertThat(problems).as("problems seen by readers and writer").isEmpty();
        assertThat(queries.get()).as("reads done").isGreaterThan(READERS * 200L);

        // Quiescent now: the graph must equal the oracle exactly.
        assertThat(graph.edgeCount()).isEqualTo(oracle.edgeCount());
        assertThat(graph.memberCount()).isEqualTo(oracle.members().size());
        for (int m = 0; m <= idBound.get(); m++) {
            assertThat(graph.connectionsOf(m)).as("connectionsOf(%d)", m).containsExactly(oracle.neighbourArray(m));
        }
        SplittableRandom random = new SplittableRandom(SEED + 100);
        List<Integer> members = new ArrayList<>(oracle.members());
        for (int k = 0; k < 300 && !members.isEmpty(); k++) {
            int a = members.get(random.nextInt(members.size()));
            int b = members.get(random.nextInt(members.size()));
            assertThat(graph.distance(a, b)).as("distance(%d, %d)", a, b)
                    .isEqualTo(NaiveGraph.capped(oracle.exactDistance(a, b)));
            assertThat(graph.networkSize(a)).isEqualTo(oracle.networkSize(oracle.distancesFrom(a)));
        }
    }

    private static void readOnce(ConnectionGraph graph, int a, int b, SplittableRandom random) {
        int[] list = graph.connectionsOf(a);
        wellFormed(list, a, "connectionsOf(" + a + ")");
        int count = graph.connectionCount(a);
        check(count >= 0, "connectionCount", a, count);

        int distance = graph.distance(a, b);
        boolean valid = a == b ? distance == 0
                : distance == 1 || distance == 2 || distance == 3 || distance == Distances.BEYOND;
        check(valid, "distance " + distance, a, b);

        int[] mutual = graph.mutualConnections(a, b);
        wellFormed(mutual, -1, "mutualConnections(" + a + ", " + b + ")");
        check(graph.mutualCount(a, b) >= 0, "mutualCount", a, b);
        graph.areConnected(a, b);

        if (random.nextInt(4) == 0) {
            NetworkSize size = graph.networkSize(a);
            check(size.first() >= 0 && size.second() >= 0 && size.third() >= 0, "networkSize", a, a);
        }
        int maxHops = random.nextInt(7);
        int[] path = graph.shortestPath(a, b, maxHops);
        if (path.length > 0) {
            check(path[0] == a && path[path.length - 1] == b, "path ends " + Arrays.toString(path), a, b);
            check(path.length <= maxHops + 1, "path too long " + Arrays.toString(path), a, b);
            check(Arrays.stream(path).distinct().count() == path.length, "path repeats " + Arrays.toString(path), a, b);
        } else {
            check(a != b, "no path to self", a, b);
        }
    }

    /** Strictly ascending, non-negative, without {@code self}. */
    private static void wellFormed(int[] list, int self, String what) {
        for (int i = 0; i < list.length; i++) {
            if (list[i] < 0 || list[i] == self || (i > 0 && list[i - 1] >= list[i])) {
                throw new AssertionError(what + " is not a well-formed list: " + Arrays.toString(list));
            }
        }
    }

    private static void check(boolean condition, String what, int a, int b) {
        if (!condition) {
            throw new AssertionError(what + " failed for " + a + ", " + b);
        }
    }
}
