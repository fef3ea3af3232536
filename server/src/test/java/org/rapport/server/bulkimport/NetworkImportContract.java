package org.rapport.server.bulkimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rapport.graph.support.SharedData;
import org.rapport.server.account.AccountService;
import org.rapport.server.account.InvalidCredentialsException;
import org.rapport.server.member.Education;
import org.rapport.server.member.Member;
import org.rapport.server.member.MemberRepository;
import org.rapport.server.member.Position;
import org.rapport.server.member.Profile;
import org.rapport.server.support.IntegrationContract;
import org.rapport.server.support.SharedDataSets;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Bulk import (E7) into a real database, run against SQLite and PostgreSQL by its subclasses:
 * known answers on the shared LDBC and SNAP sets, a CSV round trip, and the database left exactly
 * as it was by every refused or failed import. Each test removes what it imported, so the shared
 * database of the test JVM goes back to its other suites unchanged; the invariants of
 * {@link IntegrationContract} (among them: the graph index equals the connections table) are
 * checked after every test.
 */
abstract class NetworkImportContract extends IntegrationContract {

    @Autowired
    NetworkImporter importer;
    @Autowired
    MemberRepository memberRepository;
    @Autowired
    AccountService accounts;

    @TempDir
    Path dir;

    private static final NetworkImporter.Options RELOAD =
            new NetworkImporter.Options(NetworkImporter.IndexStrategy.AUTO, true);

    /** On SQLite the import loads without foreign-key enforcement: check every reference resolves. */
    protected abstract void assertReferencesResolve();

    /** Every table's row count and highest id, and every index: equal fingerprints, equal databases. */
    protected abstract Map<String, Object> fingerprint();

    @AfterEach
    void removeImported() {
        jdbc.sql("DELETE FROM groups WHERE external_id IS NOT NULL").update();
        jdbc.sql("DELETE FROM members WHERE external_id IS NOT NULL").update();
        jdbc.sql("DELETE FROM imports").update();
        index.reload();
    }

    private ImportSummary importNetwork(ImportFormat format, Path path) {
        ImportSummary summary = importer.importNetwork(format, path, ImportProgress.SILENT, RELOAD);
        assertReferencesResolve();
        return summary;
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private long imported(String sql, ImportSummary summary) {
        return jdbc.sql(sql).param("first", summary.firstMemberId()).param("last", summary.lastMemberId())
                .query(Long.class).single();
    }

    private Profile profileOf(String externalId) {
        long id = memberRepository.findIdByExternalId(externalId).orElseThrow();
        return memberRepository.findProfile(id).orElseThrow();
    }

    @Test
    void ldbcSf01ImportsItsKnownCountsAndProfiles() {
        ImportSummary summary = importNetwork(ImportFormat.LDBC, SharedDataSets.folder(SharedDataSets.LDBC_SF01));

        assertThat(summary.members()).isEqualTo(1_528);
        assertThat(summary.connections()).isEqualTo(14_073);
        assertThat(summary.groups()).isEqualTo(132);
        assertThat(summary.lastMemberId() - summary.firstMemberId() + 1).isEqualTo(1_528);
        assertThat(imported("SELECT count(*) FROM members WHERE id BETWEEN :first AND :last", summary))
                .isEqualTo(1_528);
        assertThat(imported("""
                SELECT count(*) FROM connections WHERE origin = 'IMPORT' AND invitation_id IS NULL
                  AND member_lo BETWEEN :first AND :last AND member_hi BETWEEN :first AND :last""", summary))
                .isEqualTo(14_073);
        assertThat(count("SELECT count(*) FROM group_members gm JOIN groups g ON g.id = gm.group_id "
                + "WHERE g.external_id IS NOT NULL AND gm.role = 'OWNER' AND g.owner_id = gm.member_id")).isEqualTo(132);
        assertThat(count("SELECT count(*) FROM groups WHERE external_id IS NOT NULL AND name NOT LIKE 'Group for %'"))
                .isZero();

        Profile mahinda = profileOf("933");
        Member m = mahinda.member();
        assertThat(m.firstName() + " " + m.lastName()).isEqualTo("Mahinda Perera");
        assertThat(m.location()).isEqualTo("Kelaniya, Sri Lanka");
        assertThat(m.email()).isEqualTo("member-" + m.id() + "@imported.invalid");
        assertThat(m.createdAt()).isEqualTo(Instant.parse("2010-02-14T15:32:10.447Z"));
        assertThat(mahinda.positions()).extracting(Position::company, Position::from, Position::to).containsExactly(
                tuple("Aero Lanka", 2013, null), tuple("Deccan Lanka", 2013, null),
                tuple("SriLankan Airlines", 2013, null));
        assertThat(mahinda.education()).extracting(Education::school, Education::to)
                .containsExactly(tuple("Tallinn University of Applied Sciences", 2011));
        assertThat(mahinda.interests()).hasSize(50);
        assertThat(index.graph().connectionCount((int) m.id())).isEqualTo(3);
        assertThat(count("SELECT count(*) FROM member_positions WHERE company_key = 'srilankan airlines'"))
                .isPositive();
    }

    @Test
    void ldbcTinyImportsEmailsAndGroupMemberships() {
        ImportSummary summary = importNetwork(ImportFormat.LDBC, SharedDataSets.folder(SharedDataSets.LDBC_TINY));

        assertThat(summary.members()).isEqualTo(222);
        assertThat(summary.connections()).isEqualTo(825);
        assertThat(imported("""
                SELECT count(*) FROM (SELECT member_lo AS m FROM connections WHERE member_lo BETWEEN :first AND :last
                                      UNION SELECT member_hi FROM connections WHERE member_hi BETWEEN :first AND :last) t""",
                summary)).as("persons in the knows graph").isEqualTo(184);
        assertThat(summary.groups()).isEqualTo(17);
        assertThat(summary.groupMemberships()).isEqualTo(491);

        Member jose = profileOf("8796093022220").member();
        assertThat(jose.email()).isEqualTo("jose8796093022220@gmail.com");
        assertThat(jose.firstName() + " " + jose.lastName()).isEqualTo("Jose Alonso");
    }

    @Test
    void snapFacebookImportsEveryMemberAndEdgeAndTheGraphEqualsTheTable() {
        ImportSummary summary = importNetwork(ImportFormat.SNAP,
                SharedDataSets.file(SharedData.SNAP_FACEBOOK, SharedData.SNAP_FACEBOOK_FILE));

        assertThat(summary.members()).isEqualTo(4_039);
        assertThat(summary.connections()).isEqualTo(88_234);
        assertThat(summary.skipped()).containsEntry("selfLoops", 0L).containsEntry("duplicateConnections", 0L);
        assertThat(index.graph().edgeCount()).isEqualTo(count("SELECT count(*) FROM connections"));
        assertGraphEqualsDatabase();

        Member zero = profileOf("0").member();
        String[] name = SnapReader.nameOf(0);
        assertThat(new String[] {zero.firstName(), zero.lastName()}).containsExactly(name);
        assertThat(zero.id()).isEqualTo(summary.firstMemberId());
        assertThat(index.graph().connectionCount((int) zero.id())).isEqualTo(347);
    }

    @Test
    void csvRoundTripsThroughTheDatabase() throws IOException {
        String members = """
                externalId,email,firstName,lastName,headline,location,industry
                ada,ada@example.org,Ada,Lovelace,"Analyst, engines",London,Mathematics
                bob,,Bob,Babbage,,,
                cy,cy@example.org,Cy,Çelik,Engineer,"İzmir, Türkiye",Software
                """;
        String connections = """
                a,b,connectedAt
                ada,bob,2024-03-01T09:30:00Z
                cy,ada,2023-12-24T18:00:00Z
                """;
        Files.writeString(dir.resolve("members.csv"), members);
        Files.writeString(dir.resolve("connections.csv"), connections);

        ImportSummary summary = importNetwork(ImportFormat.CSV, dir);

        assertThat(summary.members()).isEqualTo(3);
        assertThat(summary.connections()).isEqualTo(2);
        // Export what the database holds in the same format and compare.
        List<String> memberRows = new ArrayList<>();
        jdbc.sql("""
                SELECT external_id, email, first_name, last_name, headline, location, industry FROM members
                WHERE external_id IS NOT NULL ORDER BY id""").query(rs -> {
            String email = rs.getString(2);
            memberRows.add(String.join("|", rs.getString(1), email.endsWith("@imported.invalid") ? "" : email,
                    rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)));
        });
        assertThat(memberRows).containsExactly(
                "ada|ada@example.org|Ada|Lovelace|Analyst, engines|London|Mathematics",
                "bob||Bob|Babbage|||",
                "cy|cy@example.org|Cy|Çelik|Engineer|İzmir, Türkiye|Software");
        Map<String, String> connectionRows = new TreeMap<>();
        jdbc.sql("""
                SELECT lo.external_id, hi.external_id, c.created_at FROM connections c
                JOIN members lo ON lo.id = c.member_lo JOIN members hi ON hi.id = c.member_hi
                WHERE lo.external_id IS NOT NULL""").query(rs -> {
            List<String> pair = new ArrayList<>(List.of(rs.getString(1), rs.getString(2)));
            pair.sort(null);
            connectionRows.put(String.join(",", pair), Instant.ofEpochMilli(rs.getLong(3)).toString());
        });
        assertThat(connectionRows).containsExactly(
                Map.entry("ada,bob", "2024-03-01T09:30:00Z"),
                Map.entry("ada,cy", "2023-12-24T18:00:00Z"));
        assertThat(count("SELECT count(*) FROM imports")).isEqualTo(1);
        assertThat(jdbc.sql("SELECT summary FROM imports").query(String.class).single())
                .contains("\"members\":3", "\"connections\":2");
    }

    @Test
    void importedMembersCannotSignInAndLaterSignUpsGetNewIds() throws IOException {
        Files.writeString(dir.resolve("members.csv"), "externalId,email,firstName\nq1,quinn@example.org,Quinn\nq2,,Rae\n");
        ImportSummary summary = importNetwork(ImportFormat.CSV, dir);

        assertThatThrownBy(() -> accounts.authenticate("quinn@example.org", "any password at all", "test"))
                .isInstanceOf(InvalidCredentialsException.class);
        assertThatThrownBy(() -> accounts.authenticate("member-" + summary.lastMemberId() + "@imported.invalid",
                AccountService.NO_PASSWORD, "test")).isInstanceOf(InvalidCredentialsException.class);
        assertThat(accounts.passwordMatches(summary.firstMemberId(), AccountService.NO_PASSWORD)).isFalse();

        Member later = members.create("Later");
        assertThat(later.id()).isGreaterThan(summary.lastMemberId());
        memberRepository.delete(later.id());
    }

    @Test
    void malformedLineLeavesTheDatabaseExactlyAsItWas() throws IOException {
        Path file = dir.resolve("edges.txt");
        Files.writeString(file, "# a graph\n1 2\n2 3\n3 4 5\n");
        Map<String, Object> before = fingerprint();

        assertThatThrownBy(() -> importNetwork(ImportFormat.SNAP, file))
                .isInstanceOf(ImportRejectedException.class)
                .hasMessage("edges.txt:4: expected two member ids (non-negative integers) separated by a tab or "
                        + "space, found \"3 4 5\"");
        assertThat(fingerprint()).isEqualTo(before);
    }

    @Test
    void unknownMemberReferenceLeavesTheDatabaseExactlyAsItWas() throws IOException {
        Files.writeString(dir.resolve("members.csv"), "externalId,firstName\nx,Xia\ny,Yan\n");
        Files.writeString(dir.resolve("connections.csv"), "a,b\nx,y\ny,nobody\n");
        Map<String, Object> before = fingerprint();

        assertThatThrownBy(() -> importNetwork(ImportFormat.CSV, dir))
                .isInstanceOf(ImportRejectedException.class)
                .hasMessage("connections.csv:3: unknown member \"nobody\" (not an externalId in members.csv)");
        assertThat(fingerprint()).isEqualTo(before);
    }

    @Test
    void externalIdAlreadyInTheDatabaseIsRefusedAndNothingIsWritten() throws IOException {
        Files.writeString(dir.resolve("members.csv"), "externalId,firstName\nx,Xia\ny,Yan\n");
        importNetwork(ImportFormat.CSV, dir);
        long xia = memberRepository.findIdByExternalId("x").orElseThrow();
        Path second = Files.createDirectory(dir.resolve("second"));
        Files.writeString(second.resolve("members.csv"), "externalId,firstName\nz,Zed\nx,Xavier\ny,Yolanda\n");
        Files.writeString(second.resolve("connections.csv"), "a,b\nz,x\n");
        Map<String, Object> before = fingerprint();

        assertThatThrownBy(() -> importNetwork(ImportFormat.CSV, second))
                .isInstanceOf(ImportRejectedException.class)
                .hasMessage("members.csv:3: external id x is already member " + xia + " in the database "
                        + "(and 1 more members clash); an import only adds members: nothing was written");
        assertThat(fingerprint()).isEqualTo(before);
        assertThat(memberRepository.findIdByExternalId("z")).isEmpty();
    }

    @Test
    void failureWhileWritingRollsBackEverythingIndexesIncluded() {
        Path facebook = SharedDataSets.file(SharedData.SNAP_FACEBOOK, SharedData.SNAP_FACEBOOK_FILE);
        Map<String, Object> before = fingerprint();
        ImportProgress failing = new ImportProgress() {
            @Override
            public void phase(String name, long total, Unit unit) {
                if (name.equals("write connections")) {
                    throw new IllegalStateException("disk full (simulated)");
                }
            }

            @Override
            public void advance(long amount) {
            }
        };

        assertThatThrownBy(() -> importer.importNetwork(ImportFormat.SNAP, facebook, failing,
                new NetworkImporter.Options(NetworkImporter.IndexStrategy.REBUILD, true)))
                .hasMessage("disk full (simulated)");
        assertThat(fingerprint()).isEqualTo(before);
    }

    @Test
    void indexStrategiesGiveTheSameResult() throws IOException {
        Path file = dir.resolve("edges.txt");
        StringBuilder edges = new StringBuilder();
        java.util.SplittableRandom random = new java.util.SplittableRandom(42);
        for (int i = 0; i < 3_000; i++) {
            edges.append(random.nextInt(500)).append(' ').append(random.nextInt(500)).append('\n');
        }
        Files.writeString(file, edges);
        Map<String, Object> empty = fingerprint();
        List<List<Long>> results = new ArrayList<>();
        for (NetworkImporter.IndexStrategy strategy : NetworkImporter.IndexStrategy.values()) {
            ImportSummary s = importer.importNetwork(ImportFormat.SNAP, file, ImportProgress.SILENT,
                    new NetworkImporter.Options(strategy, true));
            assertReferencesResolve();
            assertGraphEqualsDatabase();
            results.add(List.of(s.members(), s.connections(), s.skipped().get("selfLoops"),
                    s.skipped().get("duplicateConnections"),
                    imported("SELECT count(*) FROM connections WHERE member_lo BETWEEN :first AND :last", s)));
            removeImported();
            assertThat(fingerprint()).as("after %s and removal, the indexes are back", strategy)
                    .containsEntry("indexes", empty.get("indexes"));
        }
        assertThat(results).allMatch(r -> r.equals(results.get(0)));
    }
}
