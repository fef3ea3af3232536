package org.rapport.server.bulkimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rapport.server.support.SharedDataSets;

/**
 * The LDBC mapping on a hand-made data set in the Neo4j-import layout (every rule, every refusal),
 * and on the shared sf0.1 and tiny sets (known counts and people).
 */
class LdbcReaderTest {

    private static final int MAX_YEAR = 2036;

    @TempDir
    Path dir;

    private static Map<String, String> miniSet() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("Person.csv", """
                id:ID(Person)|firstName:STRING|lastName:STRING|gender:STRING|birthday:LONG|creationDate:LONG|locationIP:STRING|browserUsed:STRING
                1|Ana|Silva|female|19890101|20100101000000000|1.2.3.4|Firefox
                2|Bo|Chen|male|19900101|20100102000000000|1.2.3.5|Chrome
                3|Cy|Dee|male|19910101|20100103000000000|1.2.3.6|Chrome
                """);
        files.put("Person_knows_Person.csv", """
                :START_ID(Person)|:END_ID(Person)|creationDate:LONG
                1|2|20100105000000000
                """);
        files.put("Person_knows_Person_1.csv", """
                :START_ID(Person)|:END_ID(Person)|creationDate:LONG
                2|3|20100106000000000
                3|1|20100107000000000
                2|1|20100104000000000
                """);
        files.put("Place.csv", """
                id:ID(Place)|name:STRING|url:STRING|:LABEL
                10|Lisbon|http://dbpedia.org/resource/Lisbon|City
                20|Portugal|http://dbpedia.org/resource/Portugal|Country
                """);
        files.put("Place_isPartOf_Place.csv", ":START_ID(Place)|:END_ID(Place)\n10|20\n");
        files.put("Person_isLocatedIn_Place.csv", ":START_ID(Person)|:END_ID(Place)\n1|10\n2|20\n");
        files.put("Organisation.csv", """
                id:ID(Organisation)|:LABEL|name:STRING|url:STRING
                5|Company|Acme_Corp|http://dbpedia.org/resource/Acme_Corp
                6|University|University_of_Lisbon|http://dbpedia.org/resource/University_of_Lisbon
                7|Company|Beta_Works|http://dbpedia.org/resource/Beta_Works
                """);
        files.put("Person_workAt_Organisation.csv", ":START_ID(Person)|:END_ID(Organisation)|workFrom:INT\n1|5|2015\n1|7|2019\n");
        files.put("Person_studyAt_Organisation.csv", ":START_ID(Person)|:END_ID(Organisation)|classYear:INT\n1|6|2010\n");
        files.put("Tag.csv", "id:ID(Tag)|name:STRING|url:STRING\n8|Jazz_Music|u\n9|jazz music|u\n");
        files.put("Person_hasInterest_Tag.csv", ":START_ID(Person)|:END_ID(Tag)\n1|8\n1|9\n");
        files.put("Forum.csv", """
                id:ID(Forum)|title:STRING|creationDate:LONG
                100|Wall of Ana Silva|20100101000000000
                101|Group for Jazz_Music in Lisbon|20110101000000000
                102|Album 0 of Bo Chen|20110101000000000
                """);
        files.put("Forum_hasModerator_Person.csv", ":START_ID(Forum)|:END_ID(Person)\n100|1\n101|2\n102|2\n");
        files.put("Forum_hasMember_Person.csv", """
                :START_ID(Forum)|:END_ID(Person)|joinDate:LONG
                101|1|20110202000000000
                101|2|20110203000000000
                100|3|20110204000000000
                """);
        return files;
    }

    private StagedNetwork read(Map<String, String> files) throws IOException {
        for (Map.Entry<String, String> f : files.entrySet()) {
            Files.writeString(dir.resolve(f.getKey()), f.getValue());
        }
        return LdbcReader.read(dir, ImportProgress.SILENT, MAX_YEAR);
    }

    private void assertRefused(String file, String content, String message) throws IOException {
        Map<String, String> files = miniSet();
        files.put(file, content);
        assertThatThrownBy(() -> read(files)).isInstanceOf(ImportRejectedException.class).hasMessage(message);
    }

    private static long at(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    @Test
    void read_miniSet_mapsPeopleKnowsWorkStudyInterestsAndGroups() throws IOException {
        StagedNetwork network = read(miniSet());

        assertThat(network.members()).extracting(StagedNetwork.Member::externalId).containsExactly("1", "2", "3");
        StagedNetwork.Member ana = network.members().get(0);
        assertThat(ana.firstName() + " " + ana.lastName()).isEqualTo("Ana Silva");
        assertThat(ana.location()).isEqualTo("Lisbon, Portugal");
        assertThat(ana.email()).isNull();
        assertThat(ana.createdAt()).isEqualTo(at("2010-01-01T00:00:00Z"));
        assertThat(ana.file() + ":" + ana.line()).isEqualTo("Person.csv:2");
        assertThat(network.members().get(1).location()).isEqualTo("Portugal");
        assertThat(network.members().get(2).location()).isEmpty();

        EdgeBuffer edges = network.connections();
        assertThat(edges.size()).isEqualTo(3);
        assertThat(edges.duplicates()).isEqualTo(1);
        assertThat(edges.time(0)).as("1-2 keeps its earlier date").isEqualTo(at("2010-01-04T00:00:00Z"));

        assertThat(network.positions()).containsExactly(
                new StagedNetwork.Position(0, 0, "Beta Works", 2019, null),
                new StagedNetwork.Position(0, 1, "Acme Corp", 2015, null));
        assertThat(network.education()).containsExactly(
                new StagedNetwork.Education(0, 0, "University of Lisbon", null, 2010));
        assertThat(network.interests()).containsExactly(new StagedNetwork.Interest(0, 0, "Jazz Music"));

        assertThat(network.groups()).containsExactly(new StagedNetwork.Group("101", "Group for Jazz Music in Lisbon",
                at("2011-01-01T00:00:00Z"), 1, "Forum.csv", 3));
        assertThat(network.memberships()).containsExactly(
                new StagedNetwork.Membership(0, 1, "OWNER", at("2011-01-01T00:00:00Z")),
                new StagedNetwork.Membership(0, 0, "MEMBER", at("2011-02-02T00:00:00Z")));
        assertThat(network.skipped()).containsEntry("forumsNotGroups", 2L).containsEntry("duplicateMemberships", 1L)
                .containsEntry("membershipsOfNonGroups", 1L).containsEntry("duplicateInterests", 1L)
                .containsEntry("duplicateConnections", 1L).containsEntry("selfLoops", 0L);
    }

    @Test
    void read_brokenFiles_areRefusedWithFileAndLine() throws IOException {
        String knowsHeader = ":START_ID(Person)|:END_ID(Person)|creationDate:LONG\n";
        assertRefused("Person_knows_Person_1.csv", knowsHeader + "2|3|20100106000000000\n2|99|20100106000000000\n",
                "Person_knows_Person_1.csv:3: unknown person 99");
        assertRefused("Person_knows_Person_1.csv", knowsHeader + "2|3|yesterday\n",
                "Person_knows_Person_1.csv:2: not a date: \"yesterday\" (expected ISO-8601 such as "
                        + "2010-04-22T12:30:57Z, LDBC's 20100422123057947, or epoch milliseconds)");
        assertRefused("Person_knows_Person_1.csv", knowsHeader + "2|3\n",
                "Person_knows_Person_1.csv:2: expected 3 fields separated by |, found 2");
        assertRefused("Person_knows_Person_1.csv", knowsHeader + "2|x|20100106000000000\n",
                "Person_knows_Person_1.csv:2: expected an id (a non-negative integer) in column 2, found \"x\"");
        assertRefused("Person.csv", "id|lastName\n1|Silva\n", "Person.csv:1: expected a column named \"firstName\" in the header");
        assertRefused("Person_workAt_Organisation.csv", ":START_ID(Person)|:END_ID(Organisation)|workFrom:INT\n1|55|2015\n",
                "Person_workAt_Organisation.csv:2: unknown organisation 55");
        assertRefused("Person_workAt_Organisation.csv", ":START_ID(Person)|:END_ID(Organisation)|workFrom:INT\n1|5|1850\n",
                "Person_workAt_Organisation.csv:2: workFrom 1850 is not between 1900 and " + MAX_YEAR);
        assertRefused("Forum_hasModerator_Person.csv", ":START_ID(Forum)|:END_ID(Person)\n100|1\n555|1\n",
                "Forum_hasModerator_Person.csv:3: unknown forum 555");
    }

    @Test
    void read_directoryWithoutPersons_isRefused() {
        assertThatThrownBy(() -> LdbcReader.read(dir, ImportProgress.SILENT, MAX_YEAR))
                .isInstanceOf(ImportRejectedException.class).hasMessageContaining("not an LDBC data set");
    }

    @Test
    void read_sf01_neo4jLayout_knownCountsAndOnePerson() throws IOException {
        StagedNetwork network = LdbcReader.read(SharedDataSets.folder(SharedDataSets.LDBC_SF01), ImportProgress.SILENT,
                MAX_YEAR);

        assertThat(network.members()).hasSize(1_528);
        assertThat(network.connections().size()).isEqualTo(14_073);
        assertThat(network.connections().duplicates()).isZero();
        assertThat(network.groups()).hasSize(132);
        assertThat(network.memberships()).hasSize(132).allMatch(m -> m.role().equals("OWNER"));
        assertThat(network.skipped()).containsEntry("forumsNotGroups", 13_618L);

        int mahinda = indexOf(network, "933");
        StagedNetwork.Member m = network.members().get(mahinda);
        assertThat(m.firstName() + " " + m.lastName()).isEqualTo("Mahinda Perera");
        assertThat(m.location()).isEqualTo("Kelaniya, Sri Lanka");
        assertThat(m.createdAt()).isEqualTo(at("2010-02-14T15:32:10.447Z"));
        assertThat(network.positions().stream().filter(p -> p.member() == mahinda))
                .extracting(StagedNetwork.Position::company, StagedNetwork.Position::startYear)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Aero Lanka", 2013),
                        org.assertj.core.groups.Tuple.tuple("Deccan Lanka", 2013),
                        org.assertj.core.groups.Tuple.tuple("SriLankan Airlines", 2013));
        assertThat(network.education().stream().filter(e -> e.member() == mahinda))
                .extracting(StagedNetwork.Education::school, StagedNetwork.Education::endYear)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Tallinn University of Applied Sciences", 2011));
        assertThat(network.interests().stream().filter(i -> i.member() == mahinda)).hasSize(50);
    }

    @Test
    void read_tiny_ldbcLayout_knownCountsEmailsAndMemberships() throws IOException {
        StagedNetwork network = LdbcReader.read(SharedDataSets.folder(SharedDataSets.LDBC_TINY), ImportProgress.SILENT,
                MAX_YEAR);

        assertThat(network.members()).hasSize(222);
        EdgeBuffer edges = network.connections();
        assertThat(edges.size()).isEqualTo(825);
        Set<Integer> connected = new HashSet<>();
        for (int i = 0; i < edges.size(); i++) {
            connected.add(edges.lo(i));
            connected.add(edges.hi(i));
        }
        assertThat(connected).as("persons in the knows graph").hasSize(184);
        assertThat(network.groups()).hasSize(17);
        assertThat(network.memberships()).hasSize(491);

        StagedNetwork.Member jose = network.members().get(indexOf(network, "8796093022220"));
        assertThat(jose.firstName() + " " + jose.lastName()).isEqualTo("Jose Alonso");
        assertThat(jose.email()).isEqualTo("jose8796093022220@gmail.com");
        assertThat(jose.createdAt()).isEqualTo(1_284_620_040_602L);
        assertThat(jose.file()).isEqualTo(Path.of("dynamic", "person_0_0.csv").toString());
    }

    private static int indexOf(StagedNetwork network, String externalId) {
        List<StagedNetwork.Member> members = network.members();
        for (int i = 0; i < members.size(); i++) {
            if (members.get(i).externalId().equals(externalId)) {
                return i;
            }
        }
        throw new AssertionError("no member " + externalId);
    }
}
