package org.rapport.server.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rapport.server.support.DatabaseInvariants;
import org.rapport.server.support.PostgresTestDatabase;
import org.rapport.server.support.RequiresPostgres;
import org.rapport.server.support.ServerProcess;
import org.rapport.server.support.ServerProcess.Reply;

/**
 * The race suite across processes (issue 8, suite 2): two server processes on one PostgreSQL
 * database take the two sides of a race on the same pair at the same instant, for many pairs:
 * crossing invitations, a double accept, accept against withdraw, and block against invite. Each
 * race must end in exactly one consistent outcome, agreeing with what each side was told, and
 * the invariants must hold in the database. (The in-process race suites run many threads on one
 * node; badges across nodes are compared by {@link MultiNodeReplicationPostgresIntegrationTest}.)
 */
@ExtendWith(RequiresPostgres.class)
class TwoNodeRacePostgresIntegrationTest {

    private static final int PAIRS = Integer.getInteger("rapport.race.pairs", 12);

    private static String url;

    private final List<ServerProcess> nodes = new ArrayList<>();
    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    @AfterEach
    void stop() {
        nodes.forEach(ServerProcess::kill);
        pool.shutdownNow();
    }

    @Test
    void racesOnTheSamePairAcrossTwoNodesEndInOneConsistentOutcome() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "two-nodes-").toAbsolutePath();
        url = PostgresTestDatabase.separate("two_nodes");
        Map<String, String> env = Map.of("RAPPORT_DB_USER", PostgresTestDatabase.user());
        for (String name : List.of("a", "b")) {
            Path own = Files.createDirectories(dir.resolve(name));
            nodes.add(ServerProcess.start(own, List.of("--db", url), env));
        }
        ServerProcess a = nodes.get(0);
        ServerProcess b = nodes.get(1);
        String run = Long.toString(System.nanoTime(), 36);
        List<String> wrong = new ArrayList<>();
        int races = 0;

        for (int i = 0; i < PAIRS; i++) {
            Member x = member(a, run + ".x" + i);
            Member y = member(b, run + ".y" + i);

            // Crossing invitations: x invites y on A while y invites x on B.
            Reply[] r = race(() -> a.api("POST", "/invitations", x.token, Map.of("inviteeId", y.id)),
                    () -> b.api("POST", "/invitations", y.token, Map.of("inviteeId", x.id)));
            races++;
            expect(wrong, "crossing " + i, r, connections(x, y) == 1 && live(x, y) == 0);

            // Double accept: y accepts x's invitation on both nodes at once.
            Member p = member(a, run + ".p" + i);
            Member q = member(b, run + ".q" + i);
            String inv = a.api("POST", "/invitations", p.token, Map.of("inviteeId", q.id)).body().path("id").asString();
            r = race(() -> a.api("POST", "/invitations/" + inv + "/accept", q.token, null),
                    () -> b.api("POST", "/invitations/" + inv + "/accept", q.token, null));
            races++;
            expect(wrong, "double accept " + i, r, connections(p, q) == 1 && status(inv).equals("ACCEPTED")
                    && (r[0].status() == 200 || r[1].status() == 200));

            // Accept against withdraw.
            Member s = member(a, run + ".s" + i);
            Member t = member(b, run + ".t" + i);
            String inv2 = a.api("POST", "/invitations", s.token, Map.of("inviteeId", t.id)).body().path("id").asString();
            r = race(() -> a.api("POST", "/invitations/" + inv2 + "/accept", t.token, null),
                    () -> b.api("POST", "/invitations/" + inv2 + "/withdraw", s.token, null));
            races++;
            String st = status(inv2);
            boolean accepted = st.equals("ACCEPTED") && connections(s, t) == 1 && r[0].status() == 200 && r[1].status() >= 400;
            boolean withdrawn = st.equals("WITHDRAWN") && connections(s, t) == 0 && r[1].status() == 200 && r[0].status() >= 400;
            expect(wrong, "accept against withdraw " + i + " (" + st + ")", r, accepted ^ withdrawn);

            // Block against invite: u blocks v on A while v invites u on B.
            Member u = member(a, run + ".u" + i);
            Member v = member(b, run + ".v" + i);
            r = race(() -> a.api("POST", "/blocks", u.token, Map.of("memberId", v.id)),
                    () -> b.api("POST", "/invitations", v.token, Map.of("inviteeId", u.id)));
            races++;
            expect(wrong, "block against invite " + i, r, r[0].status() == 204 && blocked(u, v)
                    && connections(u, v) == 0 && live(u, v) == 0);
        }
        try (Connection c = connect()) {
            wrong.addAll(DatabaseInvariants.violations(c));
        }
        System.out.printf("Two-node races: %d races on %d pairs each way, %d inconsistent%n", races, PAIRS, wrong.size());
        assertThat(wrong).isEmpty();
    }

    private record Member(String id, String token) {
    }

    private Member member(ServerProcess node, String tag) throws Exception {
        String email = "race." + tag + "@example.org";
        String id = node.api("POST", "/accounts", null, Map.of("email", email, "password", "race test password",
                "name", "Race Member")).body().path("id").asString();
        String token = node.api("POST", "/tokens", null, Map.of("email", email, "password", "race test password"))
                .body().path("token").asString();
        return new Member(id, token);
    }

    /** Runs both sides as close to the same instant as two threads allow. */
    private Reply[] race(Callable<Reply> one, Callable<Reply> other) throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        Future<Reply> f1 = pool.submit(() -> {
            gate.await();
            return one.call();
        });
        Future<Reply> f2 = pool.submit(() -> {
            gate.await();
            return other.call();
        });
        gate.countDown();
        return new Reply[] {f1.get(), f2.get()};
    }

    private static void expect(List<String> wrong, String race, Reply[] r, boolean consistent) {
        if (r[0].status() >= 500 || r[1].status() >= 500 || !consistent) {
            wrong.add(race + ": " + r[0].status() + " " + r[0].text() + " / " + r[1].status() + " " + r[1].text());
        }
    }

    private long connections(Member x, Member y) throws SQLException {
        return count("SELECT count(*) FROM connections WHERE member_lo = " + Math.min(id(x), id(y))
                + " AND member_hi = " + Math.max(id(x), id(y)));
    }

    private long live(Member x, Member y) throws SQLException {
        return count("SELECT count(*) FROM invitations WHERE status = 'PENDING' AND member_lo = " + Math.min(id(x), id(y))
                + " AND member_hi = " + Math.max(id(x), id(y)));
    }

    private boolean blocked(Member blocker, Member blocked) throws SQLException {
        return count("SELECT count(*) FROM blocks WHERE blocker_id = " + blocker.id + " AND blocked_id = " + blocked.id) == 1;
    }

    private String status(String invitation) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT status FROM invitations WHERE id = " + Long.parseLong(invitation))) {
            return rs.next() ? rs.getString(1) : "MISSING";
        }
    }

    private long count(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long id(Member m) {
        return Long.parseLong(m.id);
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(url, PostgresTestDatabase.user(), "");
    }
}
