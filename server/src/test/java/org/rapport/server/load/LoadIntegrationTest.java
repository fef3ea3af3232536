package org.rapport.server.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rapport.server.support.DatabaseInvariants;
import org.rapport.server.support.ServerProcess;
import org.rapport.server.support.ServerProcess.Reply;

/**
 * The CI-sized load suite (issue 8, suite 3; the full one is {@code graph-bench/http/load.sh}
 * at 1M members): a server process holding a bulk-imported network of
 * {@code -Drapport.load.members} members (default 5,000, about 40 connections each) takes a
 * mixed workload from {@code -Drapport.load.threads} client threads (default 8), 200 different
 * members with their own tokens, for {@code -Drapport.load.seconds} (default 20) after a 5 s
 * warm-up: profile views, feeds, suggestions, mutual connections, network sizes, people search,
 * invitations and updates. It checks what a load run can get wrong without a timing assertion:
 * no answer of 500 or above, no failed connection, every refusal a problem document, every
 * acknowledged write (each update and invitation carries a unique marker) in the database and every
 * refused one absent, the invariants intact afterwards and no ERROR in the server's log. Throughput and percentiles are
 * printed for the record, never asserted.
 */
class LoadIntegrationTest {

    private static final int MEMBERS = Integer.getInteger("rapport.load.members", 5_000);
    private static final int THREADS = Integer.getInteger("rapport.load.threads", 8);
    private static final int SECONDS = Integer.getInteger("rapport.load.seconds", 20);
    private static final int CALLERS = 200;

    private static final AtomicLong MARKERS = new AtomicLong();

    private ServerProcess server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.kill();
        }
    }

    @Test
    void aMixedWorkloadGetsNoServerErrorAndLeavesTheDatabaseConsistent() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "load-").toAbsolutePath();
        writeNetwork(dir.resolve("net"));
        assertThat(ServerProcess.run(dir, List.of("import", "--format", "csv", dir.resolve("net").toString())))
                .as("the import (see %s)", dir.resolve("command.log")).isZero();
        List<String> tokens = insertTokens(dir);
        server = ServerProcess.start(dir, List.of(), Map.of());

        Tally warmUp = new Tally();
        run(tokens, 5, warmUp);
        Tally tally = new Tally();
        long started = System.nanoTime();
        run(tokens, SECONDS, tally);
        double seconds = (System.nanoTime() - started) / 1e9;

        long[] sorted = tally.latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("Load suite: %,d members, %d threads, %.0f s: %,d requests, %.0f requests/s, "
                        + "p50 %.1f ms, p99 %.1f ms, max %.1f ms; answers %s%n", MEMBERS, THREADS, seconds, sorted.length,
                sorted.length / seconds, percentile(sorted, 0.50), percentile(sorted, 0.99), percentile(sorted, 1.0),
                tally.statuses);
        assertThat(tally.failures).as("server errors, failed connections and refusals without a problem").isEmpty();
        assertThat(sorted.length).as("requests answered").isGreaterThan(0);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("rapport.db"))) {
            assertThat(DatabaseInvariants.violations(c)).isEmpty();
            Set<String> stored = new HashSet<>();
            try (Statement s = c.createStatement()) {
                for (String sql : List.of("SELECT body FROM posts WHERE body LIKE 'load-%'",
                        "SELECT note FROM invitations WHERE note LIKE 'load-%'")) {
                    try (ResultSet rs = s.executeQuery(sql)) {
                        while (rs.next()) {
                            stored.add(rs.getString(1));
                        }
                    }
                }
            }
            List<String> wrong = new ArrayList<>();
            warmUp.acknowledged.forEach(m -> tally.acknowledged.add(m));
            warmUp.refused.forEach(m -> tally.refused.add(m));
            tally.acknowledged.stream().filter(m -> !stored.contains(m)).forEach(m -> wrong.add("acknowledged, missing: " + m));
            tally.refused.stream().filter(stored::contains).forEach(m -> wrong.add("refused, stored: " + m));
            System.out.printf("Load suite: %d acknowledged writes looked up, %d refused ones; %d wrong%n",
                    tally.acknowledged.size(), tally.refused.size(), wrong.size());
            assertThat(wrong).as("acknowledged writes missing, refused ones stored").isEmpty();
            assertThat(tally.acknowledged).as("writes acknowledged").isNotEmpty();
        }
        List<String> errors = Files.readAllLines(dir.resolve(Files.list(dir)
                        .filter(p -> p.getFileName().toString().startsWith("server-")).findFirst().orElseThrow().getFileName()))
                .stream().filter(l -> l.contains(" ERROR ")).toList();
        assertThat(errors).as("ERROR lines in the server's log").isEmpty();
    }

    /** What the threads saw: answers by status, latencies, and everything that went wrong. */
    private static final class Tally {
        final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        final ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        /** Markers of writes answered 2xx (to be found) and 4xx (to be absent). */
        final ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<String> refused = new ConcurrentLinkedQueue<>();
    }

    private void run(List<String> tokens, int seconds, Tally tally) throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        CountDownLatch done = new CountDownLatch(THREADS);
        for (int t = 0; t < THREADS; t++) {
            Random random = new Random(31L * t + seconds);
            Thread thread = new Thread(() -> {
                try {
                    while (System.nanoTime() < end && tally.failures.size() < 20) {
                        request(random, tokens, tally, MARKERS);
                    }
                } finally {
                    done.countDown();
                }
            }, "load-" + t);
            thread.start();
        }
        done.await();
    }

    private void request(Random random, List<String> tokens, Tally tally, AtomicLong updates) {
        String token = tokens.get(random.nextInt(tokens.size()));
        long other = 1 + random.nextInt(MEMBERS);
        int roll = random.nextInt(100);
        String verb = "GET";
        Object body = null;
        String path;
        String marker = null;
        if (roll < 45) {
            path = "/members/" + other;
        } else if (roll < 60) {
            path = "/feed?limit=20";
        } else if (roll < 70) {
            path = "/suggestions";
        } else if (roll < 80) {
            path = "/members/" + other + "/mutual-connections";
        } else if (roll < 88) {
            path = "/me/network";
        } else if (roll < 92) {
            path = "/search/people?q=number+" + other;
        } else if (roll < 97) {
            verb = "POST";
            path = "/invitations";
            marker = "load-note-" + updates.incrementAndGet();
            body = Map.of("inviteeId", Long.toString(other), "note", marker);
        } else {
            verb = "POST";
            path = "/posts";
            marker = "load-update-" + updates.incrementAndGet();
            body = Map.of("text", marker, "visibility", "ANYONE");
        }
        long t0 = System.nanoTime();
        Reply reply;
        try {
            reply = server.api(verb, path, token, body);
        } catch (IOException | InterruptedException e) {
            tally.failures.add(verb + " " + path + ": " + e);
            return;
        }
        tally.latencies.add(System.nanoTime() - t0);
        tally.statuses.computeIfAbsent(reply.status(), s -> new LongAdder()).increment();
        if (marker != null && reply.status() < 300) {
            // an invitation that answered one the other had sent is ACCEPTED, and that one's note stays
            if (!"ACCEPTED".equals(reply.body().path("status").asString())) {
                tally.acknowledged.add(marker);
            }
        } else if (marker != null && reply.status() < 500) {
            tally.refused.add(marker);
        }
        if (reply.status() >= 500) {
            tally.failures.add(verb + " " + path + " answered " + reply.status() + ": " + reply.text());
        } else if (reply.status() >= 400 && !reply.text().contains("\"status\":" + reply.status())) {
            tally.failures.add(verb + " " + path + " refused without a problem: " + reply.status() + " " + reply.text());
        }
    }

    private static double percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    /** m1..mN, each with 20 random partners (about 40 connections each), for {@code rapport import --format csv}. */
    private static void writeNetwork(Path net) throws IOException {
        Files.createDirectories(net);
        StringBuilder members = new StringBuilder("externalId,email,firstName,lastName\n");
        for (int i = 1; i <= MEMBERS; i++) {
            members.append("m").append(i).append(",member").append(i).append("@load.rapport.test,Member,Number ")
                    .append(i).append('\n');
        }
        Files.writeString(net.resolve("members.csv"), members, StandardCharsets.UTF_8);
        Random random = new Random(8);
        StringBuilder connections = new StringBuilder("a,b\n");
        for (int i = 1; i <= MEMBERS; i++) {
            for (int k = 0; k < 20; k++) {
                int b = 1 + random.nextInt(MEMBERS);
                if (b != i) {
                    connections.append('m').append(i).append(",m").append(b).append('\n');
                }
            }
        }
        Files.writeString(net.resolve("connections.csv"), connections, StandardCharsets.UTF_8);
    }

    /**
     * Bearer tokens for the first {@value #CALLERS} members, stored as the server stores them (the
     * hex SHA-256 of the token): imported members have no password to sign in with.
     */
    private static List<String> insertTokens(Path dir) throws Exception {
        List<String> tokens = new ArrayList<>();
        long now = System.currentTimeMillis();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("rapport.db"));
             PreparedStatement s = c.prepareStatement("INSERT INTO api_tokens (token_hash, member_id, created_at, "
                     + "last_used_at, expires_at) VALUES (?, (SELECT id FROM members WHERE external_id = ?), ?, ?, ?)")) {
            for (int i = 1; i <= CALLERS; i++) {
                String token = "load-" + i + "-" + Long.toHexString(new Random(i).nextLong());
                tokens.add(token);
                s.setString(1, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(token.getBytes(StandardCharsets.UTF_8))));
                s.setString(2, "m" + i);
                s.setLong(3, now);
                s.setLong(4, now);
                s.setLong(5, now + 86_400_000L);
                assertThat(s.executeUpdate()).isEqualTo(1);
            }
        }
        return tokens;
    }
}
