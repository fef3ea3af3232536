package org.rapport.server.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rapport.server.support.DatabaseInvariants;
import org.rapport.server.support.PostgresTestDatabase;
import org.rapport.server.support.RequiresPostgres;
import org.rapport.server.support.ServerProcess;
import org.rapport.server.support.ServerProcess.Reply;

/**
 * Graph replication across processes (issue 9, J3): three server processes on one PostgreSQL
 * database. First, a connection made on one node is watched for on another, which must answer
 * the new degree; the delay is printed (recorded in BENCHMARKS.md, never asserted). Then three
 * drivers connect, remove and block through all three nodes at once while one node is killed with
 * SIGKILL in the middle of taking writes (requests in flight on it at the kill are required) and
 * started again (from its snapshot plus the log). A refused request (4xx) must have left its pair as
 * it was, which is looked up in the database at once; only a request the kill cut short makes its
 * pair uncertain. Afterwards every node's degree badges, mutual counts and 1st-degree counts must
 * equal what the database says, within a bounded wait, and every acknowledged change must be in
 * the database.
 */
@ExtendWith(RequiresPostgres.class)
class MultiNodeReplicationPostgresIntegrationTest {

    private static final int MEMBERS = 24;
    private static final int DELAY_SAMPLES = 12;
    private static final long CONVERGENCE_BOUND_MILLIS = 20_000;

    private static String url;

    private final List<ServerProcess> started = Collections.synchronizedList(new ArrayList<>());
    private final ExecutorService pool = Executors.newFixedThreadPool(3);

    @AfterEach
    void stop() {
        started.forEach(ServerProcess::kill);
        pool.shutdownNow();
    }

    private record Member(long id, String token) {
    }

    @Test
    void threeNodesConvergeOnTheDatabaseThroughWritesEverywhereAndAKill() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "replication-").toAbsolutePath();
        url = PostgresTestDatabase.separate("replication");
        List<String> names = List.of("a", "b", "c");
        List<Future<ServerProcess>> starting = new ArrayList<>();
        for (String name : names) {
            starting.add(pool.submit(() -> start(dir, name)));
        }
        ServerProcess[] nodes = new ServerProcess[3];
        for (int i = 0; i < 3; i++) {
            nodes[i] = starting.get(i).get();
        }

        List<Member> members = new ArrayList<>();
        String run = Long.toString(System.nanoTime(), 36);
        for (int i = 0; i < MEMBERS; i++) {
            members.add(signUp(nodes[i % 3], run + "." + i));
        }

        // 1. A connection made on one node, watched for on the next.
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < DELAY_SAMPLES; i++) {
            Member x = members.get(2 * i);
            Member y = members.get(2 * i + 1);
            ServerProcess writer = nodes[i % 3];
            ServerProcess reader = nodes[(i + 1) % 3];
            assertThat(degree(reader, x, y)).isEqualTo("OUT_OF_NETWORK");
            String inv = writer.api("POST", "/invitations", x.token, Map.of("inviteeId", Long.toString(y.id)))
                    .body().path("id").asString();
            assertThat(writer.api("POST", "/invitations/" + inv + "/accept", y.token, null).status()).isEqualTo(200);
            long acknowledged = System.nanoTime();
            assertThat(degree(writer, x, y)).as("the writer's own node at once").isEqualTo("FIRST");
            while (!"FIRST".equals(degree(reader, x, y))) {
                assertThat(System.nanoTime() - acknowledged).as("node %d follows within the bound", (i + 1) % 3)
                        .isLessThan(TimeUnit.MILLISECONDS.toNanos(CONVERGENCE_BOUND_MILLIS));
                Thread.sleep(5);
            }
            delays.add((System.nanoTime() - acknowledged) / 1_000);
        }
        Collections.sort(delays);
        System.out.printf("Replication delay (accept acknowledged on one node -> the next node answers FIRST), "
                        + "%d samples, µs: min %d, median %d, max %d%n", delays.size(), delays.get(0),
                delays.get(delays.size() / 2), delays.get(delays.size() - 1));

        // 2. Writes through all three nodes at once; node c killed and restarted meanwhile.
        Map<Long, Boolean> expected = new ConcurrentHashMap<>();
        Set<Long> uncertain = ConcurrentHashMap.newKeySet();
        Set<Long> blocked = ConcurrentHashMap.newKeySet();
        List<String> serverErrors = Collections.synchronizedList(new ArrayList<>());
        AtomicReferenceArray<ServerProcess> route = new AtomicReferenceArray<>(nodes.clone());
        AtomicInteger operations = new AtomicInteger();
        AtomicBoolean stopping = new AtomicBoolean();
        AtomicLong killedAt = new AtomicLong(Long.MAX_VALUE);
        AtomicInteger inFlightAtKill = new AtomicInteger();
        List<String> refusedButChanged = Collections.synchronizedList(new ArrayList<>());
        try (Connection c = connect()) {
            for (long key : edges(c)) {
                expected.put(key, true);
            }
        }
        List<Future<?>> drivers = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            int driver = t;
            drivers.add(pool.submit(() -> {
                SplittableRandom random = new SplittableRandom(20261126 + driver);
                while (!stopping.get()) {
                    int i = random.nextInt(MEMBERS);
                    int j = random.nextInt(MEMBERS);
                    if (i == j || (i + j) % 3 != driver) {
                        continue;   // each driver owns a third of the pairs: its record of them is exact
                    }
                    Member x = members.get(i);
                    Member y = members.get(j);
                    long key = key(x.id, y.id);
                    if (uncertain.contains(key) || blocked.contains(key)) {
                        continue;
                    }
                    ServerProcess here = route.get(driver);
                    ServerProcess there = route.get((driver + 1) % 3);
                    long began = System.nanoTime();
                    try {
                        boolean connected = expected.getOrDefault(key, false);
                        if (connected && random.nextInt(6) == 0) {
                            Reply r = here.api("POST", "/blocks", x.token, Map.of("memberId", Long.toString(y.id)));
                            if (check(r, 204, key, expected, serverErrors, refusedButChanged)) {
                                blocked.add(key);
                                expected.put(key, false);
                            }
                        } else if (connected) {
                            Reply r = here.api("DELETE", "/connections/" + y.id, x.token, null);
                            if (check(r, 204, key, expected, serverErrors, refusedButChanged)) {
                                expected.put(key, false);
                            }
                        } else {
                            Reply r = here.api("POST", "/invitations", x.token, Map.of("inviteeId", Long.toString(y.id)));
                            if (check(r, 201, key, expected, serverErrors, refusedButChanged)
                                    && "ACCEPTED".equals(r.body().path("status").asString())) {
                                expected.put(key, true); // it answered the invitation the other had sent
                            } else if (r.status() == 201) {
                                String inv = r.body().path("id").asString();
                                began = System.nanoTime();
                                Reply a = there.api("POST", "/invitations/" + inv + "/accept", y.token, null);
                                if (check(a, 200, key, expected, serverErrors, refusedButChanged)) {
                                    expected.put(key, true);
                                }
                            }
                        }
                        operations.incrementAndGet();
                    } catch (IOException e) {
                        uncertain.add(key);   // the node died under the request: either outcome
                        if (began < killedAt.get()) {
                            inFlightAtKill.incrementAndGet();
                        }
                        for (int n = 0; n < 3; n++) {
                            ServerProcess node = route.get(n);
                            if (!node.process().isAlive()) {
                                route.compareAndSet(n, node, nodes[0]); // the load balancer takes it out
                            }
                        }
                    }
                }
                return null;
            }));
        }
        waitFor(operations, 30);
        // Killed while its driver, and the driver accepting through it, are still sending to it.
        killedAt.set(System.nanoTime());
        nodes[2].kill();
        assertThat(nodes[2].awaitExit(10)).isTrue();
        int atKill = operations.get();
        waitFor(operations, atKill + 30);
        nodes[2] = start(dir, "c");
        route.set(2, nodes[2]);
        waitFor(operations, operations.get() + 30);
        stopping.set(true);
        for (Future<?> f : drivers) {
            f.get();
        }
        System.out.printf("Writes through three nodes: %d operations, %d pairs uncertain (node killed under the "
                + "request), %d blocks%n", operations.get(), uncertain.size(), blocked.size());
        System.out.printf("Requests in flight on node c when it was killed: %d; refused requests that changed "
                + "their pair: %d%n", inFlightAtKill.get(), refusedButChanged.size());
        assertThat(serverErrors).isEmpty();
        assertThat(refusedButChanged).as("refused requests that changed their pair").isEmpty();
        assertThat(inFlightAtKill.get()).as("requests in flight on the killed node").isPositive();
        assertThat(logOf(dir.resolve("c"))).as("the restarted node started from its snapshot")
                .contains("Connection graph loaded from snapshot");

        // 3. Nothing acknowledged lost; every node's answers equal the database's.
        Map<Long, Set<Long>> adjacency = new HashMap<>();
        List<String> lost = new ArrayList<>();
        try (Connection c = connect()) {
            Set<Long> edges = edges(c);
            for (Map.Entry<Long, Boolean> e : expected.entrySet()) {
                if (!uncertain.contains(e.getKey()) && e.getValue() != edges.contains(e.getKey())) {
                    lost.add("pair " + (e.getKey() >>> 32) + "-" + (e.getKey() & 0xffffffffL) + " acknowledged as "
                            + (e.getValue() ? "connected" : "not connected"));
                }
            }
            for (long key : edges) {
                adjacency.computeIfAbsent(key >>> 32, k -> new HashSet<>()).add(key & 0xffffffffL);
                adjacency.computeIfAbsent(key & 0xffffffffL, k -> new HashSet<>()).add(key >>> 32);
            }
            lost.addAll(DatabaseInvariants.violations(c));
            // A block hides the pair from each other (404): uncertain requests may have made some.
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT blocker_id, blocked_id FROM blocks")) {
                while (rs.next()) {
                    blocked.add(key(rs.getLong(1), rs.getLong(2)));
                }
            }
        }
        assertThat(lost).isEmpty();

        long checkStart = System.nanoTime();
        List<String> differences = differences(nodes, members, adjacency, blocked);
        int rounds = 1;
        if (!differences.isEmpty()) {
            System.out.printf("First comparison: %d differences, e.g. %s%n", differences.size(),
                    differences.subList(0, Math.min(5, differences.size())));
        }
        while (!differences.isEmpty() && System.nanoTime() - checkStart < TimeUnit.MILLISECONDS.toNanos(CONVERGENCE_BOUND_MILLIS)) {
            Thread.sleep(200);
            differences = differences(nodes, members, adjacency, blocked);
            rounds++;
        }
        System.out.printf("All three nodes equal the database after %d comparison round(s) of %d answers each "
                        + "(%d ms, most of it the HTTP calls themselves)%n", rounds, 3 * MEMBERS * MEMBERS,
                (System.nanoTime() - checkStart) / 1_000_000);
        assertThat(differences).isEmpty();
    }

    private ServerProcess start(Path dir, String name) throws Exception {
        Path own = Files.createDirectories(dir.resolve(name));
        ServerProcess node = ServerProcess.start(own, List.of("--db", url),
                Map.of("RAPPORT_DB_USER", PostgresTestDatabase.user(), "RAPPORT_GRAPH_NODEID", name));
        started.add(node);
        return node;
    }

    private static Member signUp(ServerProcess node, String tag) throws Exception {
        String email = "replica." + tag + "@example.org";
        Reply r = node.api("POST", "/accounts", null, Map.of("email", email, "password", "replication password",
                "name", "Replica Member"));
        assertThat(r.status()).isEqualTo(201);
        String token = node.api("POST", "/tokens", null, Map.of("email", email, "password", "replication password"))
                .body().path("token").asString();
        return new Member(Long.parseLong(r.body().path("id").asString()), token);
    }

    /** The degree badge of {@code other} as {@code viewer} sees it on {@code node}. */
    private static String degree(ServerProcess node, Member viewer, Member other) throws Exception {
        return node.api("GET", "/members/" + other.id, viewer.token, null).body().path("degree").asString();
    }

    /**
     * Whether the request succeeded. A 5xx is recorded as a server error; a refusal (4xx) must have
     * changed nothing, so the pair is looked up in the database at once and must be as the
     * driver, which alone writes it, last knew it.
     */
    private static boolean check(Reply r, int success, long key, Map<Long, Boolean> expected, List<String> serverErrors,
                                 List<String> refusedButChanged) {
        if (r.status() == success) {
            return true;
        }
        if (r.status() >= 500) {
            serverErrors.add(r.status() + " " + r.text());
            return false;
        }
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM connections WHERE member_lo = " + (key >>> 32)
                     + " AND member_hi = " + (key & 0xffffffffL))) {
            rs.next();
            boolean connected = rs.getLong(1) > 0;
            if (connected != expected.getOrDefault(key, false)) {
                refusedButChanged.add("pair " + (key >>> 32) + "-" + (key & 0xffffffffL) + " answered " + r.status()
                        + " " + r.text() + ", connected=" + connected);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return false;
    }

    private static void waitFor(AtomicInteger operations, int atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (operations.get() < atLeast && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    /** Every node's answers that differ from the database's: degree, mutual count, 1st-degree count. */
    private static List<String> differences(ServerProcess[] nodes, List<Member> members, Map<Long, Set<Long>> adjacency,
                                            Set<Long> blocked) throws Exception {
        List<String> out = new ArrayList<>();
        for (int n = 0; n < nodes.length; n++) {
            for (Member x : members) {
                Set<Long> mine = adjacency.getOrDefault(x.id, Set.of());
                long first = nodes[n].api("GET", "/me/network", x.token, null).body().path("first").asLong();
                if (first != mine.size()) {
                    out.add("node " + n + ": member " + x.id + " has " + first + " connections, the database " + mine.size());
                }
                for (Member y : members) {
                    if (y == x || blocked.contains(key(x.id, y.id))) {
                        continue;
                    }
                    var body = nodes[n].api("GET", "/members/" + y.id, x.token, null).body();
                    String degree = degreeName(distance(adjacency, x.id, y.id));
                    Set<Long> mutual = new HashSet<>(mine);
                    mutual.retainAll(adjacency.getOrDefault(y.id, Set.of()));
                    if (!degree.equals(body.path("degree").asString())
                            || body.path("mutualConnectionCount").asInt() != mutual.size()) {
                        out.add("node " + n + ": " + x.id + " sees " + y.id + " as " + body.path("degree").asString()
                                + " with " + body.path("mutualConnectionCount").asInt() + " mutual; the database: "
                                + degree + " with " + mutual.size());
                    }
                }
            }
        }
        return out;
    }

    private static int distance(Map<Long, Set<Long>> adjacency, long from, long to) {
        Set<Long> seen = new HashSet<>(List.of(from));
        Set<Long> level = Set.of(from);
        for (int d = 1; d <= 3; d++) {
            Set<Long> next = new HashSet<>();
            for (long m : level) {
                for (long n : adjacency.getOrDefault(m, Set.of())) {
                    if (n == to) {
                        return d;
                    }
                    if (seen.add(n)) {
                        next.add(n);
                    }
                }
            }
            level = next;
        }
        return Integer.MAX_VALUE;
    }

    private static String degreeName(int distance) {
        return switch (distance) {
            case 1 -> "FIRST";
            case 2 -> "SECOND";
            case 3 -> "THIRD";
            default -> "OUT_OF_NETWORK";
        };
    }

    private static String logOf(Path dir) throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".log")).toList()) {
                all.append(Files.readString(f));
            }
        }
        return all.toString();
    }

    private static long key(long a, long b) {
        return Math.min(a, b) << 32 | Math.max(a, b);
    }

    private static Set<Long> edges(Connection c) throws SQLException {
        Set<Long> edges = new HashSet<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT member_lo, member_hi FROM connections")) {
            while (rs.next()) {
                edges.add(rs.getLong(1) << 32 | rs.getLong(2));
            }
        }
        return edges;
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(url, PostgresTestDatabase.user(), "");
    }
}
