package org.rapport.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rapport.server.connection.ConnectionRepository;
import org.rapport.server.member.MemberRepository;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code rapport graph …} commands as an operator runs them: against a fresh SQLite file given
 * with {@code --db}, printing JSON on standard output, or one line on standard error and a non-zero
 * exit status when they cannot answer.
 *
 * <p>The network, made once through the CLI's own application context:
 * <pre>
 *   ada - bob - cy - dan        zed (no connections)
 *   ada - eve - cy
 * </pre>
 */
class RapportCliIntegrationTest {

    @TempDir
    static Path dir;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");

    static String db;
    static long ada, bob, cy, dan, eve, zed;

    /** What one run printed and returned. */
    record Run(int exit, String out, String err) {
        JsonNode json() {
            assertThat(err).as("nothing on standard error").isEmpty();
            assertThat(exit).as("exit status; stderr: %s", err).isZero();
            return JSON.readTree(out);
        }
    }

    @BeforeAll
    static void makeANetwork() {
        db = "jdbc:sqlite:" + dir.resolve("x.db");
        RapportCli cli = new RapportCli();
        cli.db = db;
        cli.dataDir = dir.toString();
        try (var ctx = cli.startQuietly()) {
            MemberRepository members = ctx.getBean(MemberRepository.class);
            ConnectionRepository connections = ctx.getBean(ConnectionRepository.class);
            ctx.getBean(TransactionTemplate.class).executeWithoutResult(status -> {
                ada = members.insert("ada@example.org", "x", "s1", "Ada", "Lovelace", "a1", T0);
                bob = members.insert("bob@example.org", "x", "s2", "Bob", "Babbage", "b2", T0);
                cy = members.insert("cy@example.org", "x", "s3", "Cy", "Young", "c3", T0);
                dan = members.insert("dan@example.org", "x", "s4", "Dan", "Abel", "d4", T0);
                eve = members.insert("eve@example.org", "x", "s5", "Eve", "Curie", "e5", T0);
                zed = members.insert("zed@example.org", "x", "s6", "Zed", "Zero", "z6", T0);
                connections.insert(ada, bob, T0.plus(Duration.ofHours(1)), null);
                connections.insert(bob, cy, T0.plus(Duration.ofHours(2)), null);
                connections.insert(cy, dan, T0.plus(Duration.ofHours(3)), null);
                connections.insert(ada, eve, T0.plus(Duration.ofHours(4)), null);
                connections.insert(eve, cy, T0.plus(Duration.ofHours(5)), null);
            });
        }
    }

    /** Runs {@code rapport} on this test's database. */
    private static Run rapport(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--db=" + db);
        all.add("--data-dir=" + dir);
        return run(all.toArray(String[]::new));
    }

    private static Run run(String... args) {
        CommandRun r = CommandRun.of(args);
        return new Run(r.exit(), r.out(), r.err());
    }

    private static String id(long id) {
        return Long.toString(id);
    }

    private static List<String> ids(JsonNode members) {
        return members.valueStream().map(m -> m.path("id").asString()).toList();
    }

    @Test
    void statsCountsMembersAndConnections() {
        JsonNode stats = rapport("graph", "stats").json();

        assertThat(stats.path("members").asLong()).isEqualTo(6);
        assertThat(stats.path("connections").asLong()).isEqualTo(5);
        assertThat(stats.propertyNames()).containsExactly("members", "connections");
    }

    @Test
    void searchReindexRebuildsTheIndexFromTheDatabase() {
        JsonNode done = rapport("search", "reindex").json();

        assertThat(done.path("members").asLong()).isEqualTo(6);
        assertThat(done.propertyNames()).containsExactly("members", "millis");
        try (var ctx = cliOn(db)) {
            assertThat(ctx.getBean(org.rapport.server.search.PeopleIndex.class).isFresh()).isTrue();
        }
    }

    private static org.springframework.context.ConfigurableApplicationContext cliOn(String url) {
        RapportCli cli = new RapportCli();
        cli.db = url;
        cli.dataDir = dir.toString();
        return cli.startQuietly();
    }

    @Test
    void degreeGivesTheDegreeAndDistanceByIdOrExternalId() {
        JsonNode second = rapport("graph", "degree", id(ada), id(cy)).json();
        assertThat(second.path("degree").asString()).isEqualTo("SECOND");
        assertThat(second.path("distance").asInt()).isEqualTo(2);

        JsonNode third = rapport("graph", "degree", "ext:a1", "ext:d4").json();
        assertThat(third.path("degree").asString()).isEqualTo("THIRD");
        assertThat(third.path("distance").asInt()).isEqualTo(3);

        JsonNode out = rapport("graph", "degree", id(ada), id(zed)).json();
        assertThat(out.path("degree").asString()).isEqualTo("OUT_OF_NETWORK");
        assertThat(out.path("distance").isNull()).isTrue();
    }

    @Test
    void mutualListsTheSharedConnections() {
        JsonNode mutual = rapport("graph", "mutual", id(ada), id(cy)).json();

        assertThat(mutual.path("count").asInt()).isEqualTo(2);
        assertThat(ids(mutual.path("members"))).containsExactlyInAnyOrder(id(bob), id(eve));
        assertThat(mutual.path("members").get(0).path("name").asString()).isIn("Bob Babbage", "Eve Curie");
    }

    @Test
    void pathIsAShortestChainFromAToB() {
        JsonNode path = rapport("graph", "path", id(ada), id(dan)).json();

        assertThat(path.path("degree").asString()).isEqualTo("THIRD");
        List<String> chain = ids(path.path("path"));
        assertThat(chain).hasSize(4);
        assertThat(chain.get(0)).isEqualTo(id(ada));
        assertThat(chain.get(1)).isIn(id(bob), id(eve));
        assertThat(chain.get(2)).isEqualTo(id(cy));
        assertThat(chain.get(3)).isEqualTo(id(dan));
    }

    @Test
    void connectionsAreListedMostRecentFirstWithWhenTheyWereMade() {
        JsonNode recent = rapport("graph", "connections", id(cy), "--sort", "recent").json();

        assertThat(recent.path("member").asString()).isEqualTo(id(cy));
        assertThat(recent.path("total").asLong()).isEqualTo(3);
        JsonNode list = recent.path("connections");
        assertThat(ids(list)).containsExactly(id(eve), id(dan), id(bob));
        assertThat(Instant.parse(list.get(0).path("connectedAt").asString()))
                .isEqualTo(T0.plus(5, ChronoUnit.HOURS));
        assertThat(Instant.parse(list.get(2).path("connectedAt").asString()))
                .isEqualTo(T0.plus(2, ChronoUnit.HOURS));

        JsonNode byLastName = rapport("graph", "connections", "ext:c3", "--sort", "last_name").json();
        assertThat(ids(byLastName.path("connections"))).containsExactly(id(dan), id(bob), id(eve));
    }

    @Test
    void anUnknownMemberFailsWithOneLineOnStandardError() {
        Run unknownId = rapport("graph", "degree", "987654", id(ada));
        assertThat(unknownId.err()).isEqualTo("rapport: no member with id 987654" + System.lineSeparator());
        assertThat(unknownId.exit()).isEqualTo(1);
        for (String[] args : new String[][] {
                {"graph", "path", id(ada), "ext:nobody"},
                {"graph", "mutual", "not-an-id", id(ada)},
                {"graph", "connections", "987654"}}) {
            Run run = rapport(args);
            assertThat(run.exit()).as(String.join(" ", args)).isNotZero();
            assertThat(run.out()).as("nothing on standard output").isEmpty();
            assertThat(run.err().strip()).as("one line").doesNotContain("\n").startsWith("rapport: ")
                    .doesNotContain("Exception");
        }
    }

    @Test
    void aDatabaseItCannotUseFailsWithOneLineAndNothingOnStandardOutput() {
        Run run = run("graph", "stats", "--db=jdbc:mysql://127.0.0.1/rapport");

        assertThat(run.exit()).isNotZero();
        assertThat(run.out()).as("standard output is for JSON only").isEmpty();
        assertThat(run.err().strip()).doesNotContain("\n").startsWith("rapport: ")
                .contains("unsupported database URL jdbc:mysql://127.0.0.1/rapport");
    }

    @Test
    void anUnknownSortFailsWithOneLine() {
        Run run = rapport("graph", "connections", id(cy), "--sort", "age");

        assertThat(run.exit()).isNotZero();
        assertThat(run.out()).isEmpty();
        assertThat(run.err().strip()).doesNotContain("\n").contains("sort");
    }
}
