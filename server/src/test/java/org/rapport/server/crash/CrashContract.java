package org.rapport.server.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rapport.server.support.DatabaseInvariants;
import org.rapport.server.support.ServerProcess;
import org.rapport.server.support.ServerProcess.Reply;

import tools.jackson.databind.JsonNode;

/**
 * The crash suite (issue 8, suite 1; widened in issue 14): a real server process (the
 * application's own main, on the test class path) takes a workload from several driver threads at
 * once ({@code -Drapport.crash.drivers}, default 4, so that writers wait for SQLite's lock) while
 * it is killed with SIGKILL at random moments and restarted, again and again. Each driver owns its
 * members and sends invitations (with a marker note), accepts, withdrawals, removals, profile
 * edits, address-book uploads, posts, messages, sign-ups, groups, blocks and follows (of members of
 * other drivers). After every restart, before anything else: every write the server acknowledged
 * is in the database and every write it refused is not (looked up by its marker or pair), the
 * requests in flight at the kill did all or nothing, the invariants hold (ordered pairs, no
 * connection without an accepted invitation, one live invitation per pair, no pending invitation
 * between connected members), every finished upload kept exactly the contacts sent and every
 * failed one none, and the restarted server's answers equal the tables: degree badges, mutual
 * connection counts and every member's network size (1st, 2nd, 3rd) against a breadth-first search
 * of the connections table. Every kill must hit requests in flight (a request that began before
 * the kill and got no answer), or the suite is not testing what it says. The number of kills is
 * {@code -Drapport.crash.kills} (CI runs a few; the long run is one command in README).
 */
abstract class CrashContract {

    private static final int MEMBERS = 10;
    private static final String PASSWORD = "crash test password";

    private ServerProcess server;
    private Path dir;

    /** The JDBC URL the server and the checks use, and the server's extra arguments. */
    abstract String jdbcUrl(Path dir);

    abstract List<String> serverArguments(Path dir);

    abstract Connection connect(Path dir) throws SQLException;

    int kills() {
        return Integer.getInteger("rapport.crash.kills", defaultKills());
    }

    abstract int defaultKills();

    /** Environment of the server process beyond this JVM's. */
    void environment(Map<String, String> env) {
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.kill();
        }
    }

    @Test
    void acknowledgedWritesSurviveSigkillAndNothingElseDoes() throws Exception {
        dir = Files.createTempDirectory(Path.of("target"), "crash-").toAbsolutePath();
        long seed = Long.getLong("rapport.crash.seed", 20261126L);
        Random random = new Random(seed);
        int drivers = Integer.getInteger("rapport.crash.drivers", 4);
        start();
        String run = Long.toString(System.nanoTime(), 36);
        List<Long> everyone = new ArrayList<>();
        Map<Long, String> tokens = new HashMap<>();
        List<Model> models = new ArrayList<>();
        for (int d = 0; d < drivers; d++) {
            List<Long> ids = new ArrayList<>();
            List<String> emails = new ArrayList<>();
            for (int i = 0; i < MEMBERS; i++) {
                String email = "crash." + run + "." + d + "." + i + "@example.org";
                JsonNode account = call("POST", "/accounts", null, Map.of("email", email, "password", PASSWORD,
                        "name", "Crash Member" + (char) ('A' + d) + (char) ('A' + i))).body();
                long id = Long.parseLong(account.path("id").asString());
                ids.add(id);
                emails.add(email);
                tokens.put(id, call("POST", "/tokens", null, Map.of("email", email, "password", PASSWORD)).body()
                        .path("token").asString());
            }
            everyone.addAll(ids);
            models.add(new Model(d, run, ids, emails));
        }
        for (Model m : models) {
            m.others = everyone.stream().filter(id -> !m.ids.contains(id)).toList();
            m.adopt(this::connect, dir);
        }

        AtomicInteger acknowledged = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        int inFlight = 0;
        for (int kill = 1; kill <= kills(); kill++) {
            ServerProcess victim = server;
            long delay = 500 + random.nextInt(2500);
            AtomicLong killedAt = new AtomicLong(Long.MAX_VALUE);
            Thread killer = new Thread(() -> {
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException e) {
                    return;
                }
                killedAt.set(System.nanoTime());
                victim.kill(); // SIGKILL
            });
            ExecutorService pool = Executors.newFixedThreadPool(drivers);
            List<Future<Integer>> driving = new ArrayList<>();
            int round = kill;
            for (Model model : models) {
                Random own = new Random(seed * 31 + round * 1_000L + model.driver);
                driving.add(pool.submit(() -> drive(model, own, tokens, victim, killedAt, acknowledged, refused)));
            }
            killer.start();
            int hit = 0;
            for (Future<Integer> f : driving) {
                hit += f.get();
            }
            pool.shutdown();
            killer.join();
            assertThat(hit).as("requests in flight at kill %d", kill).isPositive();
            inFlight += hit;
            assertThat(victim.awaitExit(30)).as("the killed server exited").isTrue();
            start();
            boolean swept = awaitNoOrphanedImports();
            for (Model model : models) {
                model.orphansSwept = swept;
                model.verify(this::connect, dir, kill);
            }
            verifyAnswers(everyone, tokens, kill);
            for (Model model : models) {
                model.adopt(this::connect, dir);
            }
        }
        Map<String, Long> importsByStatus = new HashMap<>();
        try (Connection c = connect(dir); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT status, count(*) FROM contact_imports GROUP BY status")) {
            while (rs.next()) {
                importsByStatus.put(rs.getString(1), rs.getLong(2));
            }
        }
        Map<String, int[]> byKind = new TreeMap<>();
        for (Model m : models) {
            m.outcomes.forEach((k, v) -> {
                int[] t = byKind.computeIfAbsent(k, x -> new int[2]);
                t[0] += v[0];
                t[1] += v[1];
            });
        }
        System.out.printf("Crash suite (%s): %d kills survived with %d drivers, %d acknowledged writes, %d refused, "
                + "%d in flight at a kill; acknowledged/refused by kind %s; contact imports by outcome %s%n",
                getClass().getSimpleName(), kills(), drivers, acknowledged.get(), refused.get(), inFlight,
                byKind.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()[0] + "/" + e.getValue()[1]).toList(),
                importsByStatus);
    }

    /**
     * One driver's requests until the server dies under it. Returns 1 when its last request began
     * before the kill and got no answer (it was in flight), 0 when it only found the server gone.
     */
    private int drive(Model model, Random random, Map<Long, String> tokens, ServerProcess victim, AtomicLong killedAt,
                      AtomicInteger acknowledged, AtomicInteger refused) throws Exception {
        while (true) {
            Op op = model.next(random, tokens);
            long began = System.nanoTime();
            Reply reply;
            try {
                reply = op.verb.equals("UPLOAD")
                        ? victim.upload(op.path, op.token, "book.csv", ((String) op.body).getBytes(StandardCharsets.UTF_8))
                        : victim.api(op.verb, op.path, op.token, op.body);
            } catch (IOException e) {
                model.unknown(op);
                return began < killedAt.get() ? 1 : 0;
            }
            if (reply.status() >= 500) {
                if (!victim.process().isAlive()) {
                    model.unknown(op);
                    return began < killedAt.get() ? 1 : 0;
                }
                throw new AssertionError(op + " answered " + reply.status() + " " + reply.text());
            }
            if (reply.status() < 300) {
                model.acknowledged(op, reply.body());
                acknowledged.incrementAndGet();
            } else {
                model.refused(op);
                refused.incrementAndGet();
            }
        }
    }

    /**
     * The restarted server's graph answers equal the connections table: the degree badge and the
     * mutual connection count of every pair (none of our members hides their list from
     * connections, so every mutual connection counts), and every member's network size.
     */
    private void verifyAnswers(List<Long> everyone, Map<Long, String> tokens, int kill) throws Exception {
        Map<Long, Set<Long>> adjacency = new HashMap<>();
        Set<Long> blocked = new HashSet<>();
        try (Connection c = connect(dir); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT member_lo, member_hi FROM connections")) {
                while (rs.next()) {
                    adjacency.computeIfAbsent(rs.getLong(1), k -> new HashSet<>()).add(rs.getLong(2));
                    adjacency.computeIfAbsent(rs.getLong(2), k -> new HashSet<>()).add(rs.getLong(1));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT blocker_id, blocked_id FROM blocks")) {
                while (rs.next()) {
                    blocked.add(Model.key(rs.getLong(1), rs.getLong(2)));
                }
            }
        }
        List<String> wrong = new ArrayList<>();
        for (long a : everyone) {
            Set<Long> mine = adjacency.getOrDefault(a, Set.of());
            for (long b : everyone) {
                if (a >= b || blocked.contains(Model.key(a, b))) {
                    continue;
                }
                JsonNode profile = call("GET", "/members/" + b, tokens.get(a), null).body();
                String degree = profile.path("degree").asString();
                if (degree.equals("FIRST") != mine.contains(b)) {
                    wrong.add("badge of " + b + " for " + a + " is " + degree + ", connected=" + mine.contains(b));
                }
                long mutual = adjacency.getOrDefault(b, Set.of()).stream().filter(mine::contains).count();
                if (profile.path("mutualConnectionCount").asLong(-1) != mutual) {
                    wrong.add("mutual count of " + a + " and " + b + " is " + profile.path("mutualConnectionCount")
                            + ", the table says " + mutual);
                }
            }
            long[] expected = networkSizes(a, adjacency);
            JsonNode network = call("GET", "/me/network", tokens.get(a), null).body();
            long[] answered = {network.path("first").asLong(-1), network.path("second").asLong(-1),
                    network.path("third").asLong(-1)};
            if (!Arrays.equals(expected, answered)) {
                wrong.add("network of " + a + " is " + Arrays.toString(answered) + ", the table says "
                        + Arrays.toString(expected));
            }
        }
        assertThat(wrong).as("graph answers after kill %d", kill).isEmpty();
    }

    /** Members at distance 1, 2 and 3 from {@code from}, by breadth-first search of the table. */
    private static long[] networkSizes(long from, Map<Long, Set<Long>> adjacency) {
        Map<Long, Integer> distance = new HashMap<>();
        distance.put(from, 0);
        ArrayDeque<Long> queue = new ArrayDeque<>(List.of(from));
        long[] sizes = new long[3];
        while (!queue.isEmpty()) {
            long m = queue.poll();
            int d = distance.get(m);
            if (d == 3) {
                continue;
            }
            for (long n : adjacency.getOrDefault(m, Set.of())) {
                if (distance.putIfAbsent(n, d + 1) == null) {
                    sizes[d]++;
                    queue.add(n);
                }
            }
        }
        return sizes;
    }

    /**
     * On SQLite the restarted server marks the imports its predecessor was running as failed
     * once it is ready (a moment after it answers health checks); on PostgreSQL it leaves them
     * for the stale-import sweep, since another node might be running them.
     */
    boolean sweepsOrphanedImportsAtStartUp() {
        return false;
    }

    private boolean awaitNoOrphanedImports() throws Exception {
        if (!sweepsOrphanedImportsAtStartUp()) {
            return false;
        }
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (Connection c = connect(dir); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM contact_imports WHERE status = 'PROCESSING'")) {
                rs.next();
                if (rs.getLong(1) == 0) {
                    return true;
                }
            }
            Thread.sleep(100);
        }
        return true; // verify reports the ones left
    }

    private void start() throws Exception {
        Map<String, String> env = new HashMap<>();
        environment(env);
        server = ServerProcess.start(dir, serverArguments(dir), env);
    }

    private Reply call(String verb, String path, String token, Object body) throws IOException, InterruptedException {
        return server.api(verb, path, token, body);
    }

    interface Connector {
        Connection open(Path dir) throws SQLException;
    }

    /** One request of the workload and what it would change. */
    record Op(String kind, String verb, String path, String token, Object body, long a, long b, long invitation,
              String headline) {
    }

    /**
     * What the database must hold: per pair, connected or not (null: unknown, a request was in
     * flight); per invitation its status; per member their headline.
     */
    static final class Model {

        final List<Long> ids;
        final Map<Long, Boolean> connected = new HashMap<>();
        final Map<Long, String> invitationStatus = new HashMap<>();
        final Map<Long, long[]> invitationPair = new HashMap<>();
        final Map<Long, String> headline = new HashMap<>();
        final Set<Long> unknownHeadline = new HashSet<>();
        final Set<Long> unknownInvitation = new HashSet<>();
        final Set<Long> unknownPair = new HashSet<>();
        /** Contact imports the server accepted (202), by id. */
        final Set<Long> imports = new HashSet<>();
        /** Contacts sent in each accepted upload, by import id: the display names of its rows. */
        final Map<Long, Set<String>> importNames = new HashMap<>();
        final List<String> emails;
        final int driver;
        final String run;
        /** Members of the other drivers (followed, never invited, so never connected to ours). */
        List<Long> others = List.of();
        /** Marked writes (post, message, sign-up, group, invitation note): acknowledged, refused, in flight. */
        final Map<String, String> acknowledgedMarkers = new HashMap<>();
        final Map<String, String> refusedMarkers = new HashMap<>();
        /** Follows acknowledged (follower, followee) and follows refused with no follow acknowledged before. */
        final Set<List<Long>> follows = new HashSet<>();
        final Set<List<Long>> refusedFollows = new HashSet<>();
        final Set<List<Long>> unknownFollows = new HashSet<>();
        /** Blocks acknowledged (blocker, blocked). */
        final Set<List<Long>> blocks = new HashSet<>();
        /** Acknowledged and refused counts by kind. */
        final Map<String, int[]> outcomes = new HashMap<>();
        int edits;
        int uploads;
        int marks;

        Model(int driver, String run, List<Long> ids, List<String> emails) {
            this.driver = driver;
            this.run = run;
            this.ids = ids;
            this.emails = emails;
        }

        private String marker(String kind) {
            return "crash-" + run + "-" + driver + "-" + kind + "-" + (++marks);
        }

        private boolean blockedPair(long a, long b) {
            return blocks.contains(List.of(a, b)) || blocks.contains(List.of(b, a));
        }

        static long key(long a, long b) {
            return Math.min(a, b) << 32 | Math.max(a, b);
        }

        Op next(Random random, Map<Long, String> tokens) {
            int roll = random.nextInt(100);
            List<Long> pending = invitationStatus.entrySet().stream().filter(e -> e.getValue().equals("PENDING"))
                    .map(Map.Entry::getKey).sorted().toList();
            List<Long> links = connected.entrySet().stream().filter(e -> Boolean.TRUE.equals(e.getValue()))
                    .map(Map.Entry::getKey).sorted().toList();
            if (roll < 25 && !pending.isEmpty()) {
                long inv = pending.get(random.nextInt(pending.size()));
                long[] p = invitationPair.get(inv);
                return new Op("accept", "POST", "/invitations/" + inv + "/accept", tokens.get(p[1]), null, p[0], p[1], inv, null);
            }
            if (roll < 35 && !pending.isEmpty()) {
                long inv = pending.get(random.nextInt(pending.size()));
                long[] p = invitationPair.get(inv);
                return new Op("withdraw", "POST", "/invitations/" + inv + "/withdraw", tokens.get(p[0]), null, p[0], p[1], inv, null);
            }
            if (roll < 50 && !links.isEmpty()) {
                long k = links.get(random.nextInt(links.size()));
                long a = k >>> 32;
                long b = k & 0xffffffffL;
                return new Op("remove", "DELETE", "/connections/" + b, tokens.get(a), null, a, b, 0, null);
            }
            if (roll < 65) {
                long m = ids.get(random.nextInt(ids.size()));
                String h = "Headline " + (++edits);
                return new Op("edit", "PATCH", "/me/profile", tokens.get(m), Map.of("headline", h), m, m, 0, h);
            }
            if (roll < 70) {
                // An address book of three: two strangers and one fellow member (matched).
                long m = ids.get(random.nextInt(ids.size()));
                int n = ++uploads;
                String tag = driver + "." + n + "." + run;
                String csv = "Name,E-mail 1 - Value\nFirst Stranger " + tag + ",stranger." + tag + ".a@example.org\n"
                        + "Second Stranger " + tag + ",stranger." + tag + ".b@example.org\nA Colleague " + tag + ","
                        + emails.get(random.nextInt(emails.size())) + "\n";
                return new Op("import", "UPLOAD", "/contacts/imports", tokens.get(m), csv, m, m, 0, tag);
            }
            long a = ids.get(random.nextInt(ids.size()));
            long b = ids.get(random.nextInt(ids.size()));
            if (roll < 76) {
                String marker = marker("post");
                return new Op("post", "POST", "/posts", tokens.get(a), Map.of("text", marker), a, a, 0, marker);
            }
            if (roll < 81 && (a != b || !links.isEmpty())) {
                // mostly to a connection (members take messages from connections and group members)
                if (!links.isEmpty() && random.nextInt(4) != 0) {
                    long k = links.get(random.nextInt(links.size()));
                    a = k >>> 32;
                    b = k & 0xffffffffL;
                }
                String marker = marker("message");
                return new Op("message", "POST", "/conversations", tokens.get(a),
                        Map.of("memberId", Long.toString(b), "text", marker), a, b, 0, marker);
            }
            if (roll < 83) {
                String marker = marker("signup");
                return new Op("signup", "POST", "/accounts", null, Map.of("email", marker + "@example.org",
                        "password", PASSWORD, "name", "Crash Newcomer"), 0, 0, 0, marker);
            }
            if (roll < 85) {
                String marker = marker("group");
                return new Op("group", "POST", "/groups", tokens.get(a), Map.of("name", marker), a, a, 0, marker);
            }
            if (roll < 90 && !others.isEmpty()) {
                long followee = others.get(random.nextInt(others.size()));
                return new Op("follow", "POST", "/members/" + followee + "/follow", tokens.get(a), null, a, followee, 0, null);
            }
            if (roll < 91 && a != b && !blockedPair(a, b)) {
                return new Op("block", "POST", "/blocks", tokens.get(a), Map.of("memberId", Long.toString(b)), a, b, 0, null);
            }
            String marker = marker("note");
            return new Op("invite", "POST", "/invitations", tokens.get(a),
                    Map.of("inviteeId", Long.toString(b), "note", marker), a, b, 0, marker);
        }

        private void count(Op op, boolean acknowledged) {
            outcomes.computeIfAbsent(op.kind, k -> new int[2])[acknowledged ? 0 : 1]++;
        }

        /** A 4xx: the write must have left nothing. */
        void refused(Op op) {
            count(op, false);
            switch (op.kind) {
                case "post", "message", "signup", "group", "invite" -> refusedMarkers.put(op.headline, op.kind);
                case "follow" -> {
                    if (!follows.contains(List.of(op.a, op.b))) {
                        refusedFollows.add(List.of(op.a, op.b));
                    }
                }
                default -> {
                    // accept, withdraw, remove, edit, block, import: the pair, invitation, headline or block
                    // is checked against the acknowledged state, which a refused request must not have changed
                }
            }
        }

        void acknowledged(Op op, JsonNode body) {
            count(op, true);
            switch (op.kind) {
                case "post", "message", "signup", "group" -> acknowledgedMarkers.put(op.headline, op.kind);
                case "follow" -> {
                    follows.add(List.of(op.a, op.b));
                    refusedFollows.remove(List.of(op.a, op.b));
                }
                case "block" -> {
                    blocks.add(List.of(op.a, op.b));
                    // disconnects the pair and cancels its open invitations: the table has the final word
                    connected.put(key(op.a, op.b), false);
                    invitationStatus.replaceAll((id, st) -> samePair(id, op.a, op.b) ? "CANCELLED BY A BLOCK" : st);
                    unknownPair.add(key(op.a, op.b));
                }
                case "invite" -> {
                    long inv = Long.parseLong(body.path("id").asString());
                    String status = body.path("status").asString();
                    if (status.equals("PENDING")) {
                        acknowledgedMarkers.put(op.headline, op.kind); // an answered crossing one keeps its own note
                    }
                    invitationPair.put(inv, new long[] {op.a, op.b});
                    invitationStatus.put(inv, status);
                    if (status.equals("ACCEPTED")) {
                        connected.put(key(op.a, op.b), true);
                        // the crossing invitation it answered is accepted too
                        invitationStatus.replaceAll((id, s) -> s.equals("PENDING") && samePair(id, op.a, op.b) ? "ACCEPTED" : s);
                    }
                }
                case "accept" -> {
                    invitationStatus.put(op.invitation, "ACCEPTED");
                    connected.put(key(op.a, op.b), true);
                }
                case "withdraw" -> invitationStatus.put(op.invitation, "WITHDRAWN");
                case "remove" -> connected.put(key(op.a, op.b), false);
                case "edit" -> headline.put(op.a, op.headline);
                case "import" -> {
                    long id = Long.parseLong(body.path("id").asString());
                    imports.add(id);
                    importNames.put(id, Set.of("First Stranger " + op.headline, "Second Stranger " + op.headline,
                            "A Colleague " + op.headline));
                }
                default -> throw new IllegalStateException(op.kind);
            }
        }

        private boolean samePair(long invitation, long a, long b) {
            long[] p = invitationPair.get(invitation);
            return p != null && key(p[0], p[1]) == key(a, b);
        }

        /** The request in flight at the kill: its effect may or may not be there. */
        void unknown(Op op) {
            switch (op.kind) {
                case "invite", "accept", "withdraw", "remove" -> {
                    unknownPair.add(key(op.a, op.b));
                    if (op.invitation != 0) {
                        unknownInvitation.add(op.invitation);
                    }
                }
                case "edit" -> unknownHeadline.add(op.a);
                case "import" -> {
                    // the upload may or may not have been taken; if it was, it keeps all or nothing (an invariant)
                }
                case "post", "message", "signup", "group" -> {
                    // its marker is neither acknowledged nor refused: present or absent, both are right
                }
                case "follow" -> unknownFollows.add(List.of(op.a, op.b));
                case "block" -> {
                    unknownPair.add(key(op.a, op.b));
                    invitationStatus.replaceAll((id, st) -> samePair(id, op.a, op.b) ? "MAYBE CANCELLED BY A BLOCK" : st);
                }
                default -> throw new IllegalStateException(op.kind);
            }
        }

        Set<Long> connectedInDatabase(Connector db, Path dir) throws SQLException {
            Set<Long> out = new HashSet<>();
            try (Connection c = db.open(dir); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT member_lo, member_hi FROM connections")) {
                while (rs.next()) {
                    out.add(key(rs.getLong(1), rs.getLong(2)));
                }
            }
            return out;
        }

        /** Whether the restarted server has given up on the imports its predecessor left running. */
        boolean orphansSwept;

        void verify(Connector db, Path dir, int kill) throws SQLException {
            Set<Long> links = connectedInDatabase(db, dir);
            List<String> wrong = new ArrayList<>();
            connected.forEach((pair, expected) -> {
                if (!unknownPair.contains(pair) && links.contains(pair) != expected) {
                    wrong.add("pair " + (pair >>> 32) + "-" + (pair & 0xffffffffL) + " connected=" + links.contains(pair)
                            + ", acknowledged " + expected);
                }
            });
            try (Connection c = db.open(dir); Statement s = c.createStatement()) {
                Map<Long, String> statuses = new HashMap<>();
                try (ResultSet rs = s.executeQuery("SELECT id, status FROM invitations")) {
                    while (rs.next()) {
                        statuses.put(rs.getLong(1), rs.getString(2));
                    }
                }
                invitationStatus.forEach((id, expected) -> {
                    if (!unknownInvitation.contains(id) && !unknownPair.contains(pairOf(id))
                            && !expected.equals(statuses.get(id))) {
                        wrong.add("invitation " + id + " is " + statuses.get(id) + ", acknowledged " + expected);
                    }
                });
                for (long m : ids) {
                    if (headline.containsKey(m) && !unknownHeadline.contains(m)) {
                        try (ResultSet rs = s.executeQuery("SELECT headline FROM members WHERE id = " + m)) {
                            rs.next();
                            if (!headline.get(m).equals(rs.getString(1))) {
                                wrong.add("member " + m + " headline " + rs.getString(1) + ", acknowledged " + headline.get(m));
                            }
                        }
                    }
                }
                Map<Long, String> importStatus = new HashMap<>();
                try (ResultSet rs = s.executeQuery("SELECT id, status FROM contact_imports")) {
                    while (rs.next()) {
                        importStatus.put(rs.getLong(1), rs.getString(2));
                    }
                }
                for (long id : imports) {
                    String status = importStatus.get(id);
                    if (status == null || status.equals("PROCESSING") && orphansSwept) {
                        wrong.add("contact import " + id + " acknowledged, now " + status);
                    }
                    Set<String> stored = new HashSet<>();
                    try (ResultSet rs = s.executeQuery("SELECT display_name FROM contacts WHERE import_id = " + id)) {
                        while (rs.next()) {
                            stored.add(rs.getString(1));
                        }
                    }
                    Set<String> sent = importNames.get(id);
                    // the two strangers' addresses are new, so a finished import holds both; the colleague's
                    // address may already be in this member's book from an earlier upload (kept once)
                    boolean whole = stored.containsAll(sent.stream().filter(n -> n.contains("Stranger")).toList())
                            && sent.containsAll(stored);
                    if ("DONE".equals(status) && !whole || !"DONE".equals(status) && !stored.isEmpty()) {
                        wrong.add("contact import " + id + " is " + status + " with contacts " + stored + ", sent " + sent);
                    }
                }
                Map<String, String> markers = new HashMap<>();
                for (String[] table : new String[][] {{"posts", "body"}, {"messages", "body"}, {"members", "email"},
                        {"groups", "name"}, {"invitations", "note"}}) {
                    try (ResultSet rs = s.executeQuery("SELECT " + table[1] + " FROM " + table[0] + " WHERE " + table[1]
                            + " LIKE 'crash-" + run + "-" + driver + "-%'")) {
                        while (rs.next()) {
                            markers.put(rs.getString(1).replace("@example.org", ""), table[0]);
                        }
                    }
                }
                acknowledgedMarkers.forEach((marker, kind) -> {
                    // an acknowledged invitation may have been cancelled by a later block: its row stays
                    if (!markers.containsKey(marker)) {
                        wrong.add(kind + " " + marker + " acknowledged, not stored");
                    }
                });
                refusedMarkers.forEach((marker, kind) -> {
                    if (markers.containsKey(marker)) {
                        wrong.add(kind + " " + marker + " refused, but stored in " + markers.get(marker));
                    }
                });
                Set<List<Long>> followRows = new HashSet<>();
                Set<List<Long>> blockRows = new HashSet<>();
                try (ResultSet rs = s.executeQuery("SELECT follower_id, followee_id FROM follows")) {
                    while (rs.next()) {
                        followRows.add(List.of(rs.getLong(1), rs.getLong(2)));
                    }
                }
                try (ResultSet rs = s.executeQuery("SELECT blocker_id, blocked_id FROM blocks")) {
                    while (rs.next()) {
                        blockRows.add(List.of(rs.getLong(1), rs.getLong(2)));
                    }
                }
                for (List<Long> f : follows) {
                    if (!followRows.contains(f)) {
                        wrong.add("follow " + f + " acknowledged, not stored");
                    }
                }
                for (List<Long> f : refusedFollows) {
                    if (!unknownFollows.contains(f) && followRows.contains(f)) {
                        wrong.add("follow " + f + " refused, but stored");
                    }
                }
                for (List<Long> b : blocks) {
                    if (!blockRows.contains(b)) {
                        wrong.add("block " + b + " acknowledged, not stored");
                    }
                }
                wrong.addAll(DatabaseInvariants.violations(c));
            }
            assertThat(wrong).as("after kill %d", kill).isEmpty();
        }

        private long pairOf(long invitation) {
            long[] p = invitationPair.get(invitation);
            return p == null ? -1 : key(p[0], p[1]);
        }

        /** Takes the database's word for everything, the unknowns resolved. */
        void adopt(Connector db, Path dir) throws SQLException {
            for (List<Long> f : unknownFollows) {
                refusedFollows.remove(f); // whether it was stored is now the table's word, and follows are never undone here
            }
            unknownFollows.clear();
            unknownPair.clear();
            unknownInvitation.clear();
            unknownHeadline.clear();
            connected.replaceAll((k, v) -> false);
            for (long k : connectedInDatabase(db, dir)) {
                if (ids.contains(k >>> 32)) {
                    connected.put(k, true);
                }
            }
            try (Connection c = db.open(dir); Statement s = c.createStatement()) {
                invitationStatus.clear();
                invitationPair.clear();
                String in = ids.stream().map(String::valueOf).reduce((x, y) -> x + "," + y).orElseThrow();
                try (ResultSet rs = s.executeQuery("SELECT id, sender_id, recipient_id, status FROM invitations WHERE sender_id IN ("
                        + in + ")")) {
                    while (rs.next()) {
                        invitationPair.put(rs.getLong(1), new long[] {rs.getLong(2), rs.getLong(3)});
                        invitationStatus.put(rs.getLong(1), rs.getString(4));
                    }
                }
                headline.clear();
                try (ResultSet rs = s.executeQuery("SELECT id, headline FROM members WHERE id IN (" + in + ")")) {
                    while (rs.next()) {
                        headline.put(rs.getLong(1), rs.getString(2));
                    }
                }
            }
        }
    }
}
