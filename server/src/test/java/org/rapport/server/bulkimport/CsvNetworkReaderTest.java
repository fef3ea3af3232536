package org.rapport.server.bulkimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvNetworkReaderTest {

    @TempDir
    Path dir;

    private StagedNetwork read(String members, String connections) throws IOException {
        Files.writeString(dir.resolve("members.csv"), members);
        if (connections != null) {
            Files.writeString(dir.resolve("connections.csv"), connections);
        }
        return CsvNetworkReader.read(dir, ImportProgress.SILENT);
    }

    private void assertRefused(String members, String connections, String message) {
        assertThatThrownBy(() -> read(members, connections))
                .isInstanceOf(ImportRejectedException.class)
                .hasMessage(message);
    }

    @Test
    void read_columnsInAnyOrderAndSpelling_withQuotedFieldsAndBom() throws IOException {
        StagedNetwork network = read("""
                \uFEFFlast_name,First Name,external-id,EMAIL,headline
                Lovelace,Ada,a1, Ada@Example.org ,"Analyst, engines"
                Babbage,Charles,c2,,"Says ""hello""\"
                """, """
                a,b,connectedAt
                a1,c2,2024-03-01T09:30:00Z
                c2,a1,
                """);

        assertThat(network.members()).hasSize(2);
        StagedNetwork.Member ada = network.members().get(0);
        assertThat(ada.externalId()).isEqualTo("a1");
        assertThat(ada.firstName()).isEqualTo("Ada");
        assertThat(ada.lastName()).isEqualTo("Lovelace");
        assertThat(ada.email()).isEqualTo("ada@example.org");
        assertThat(ada.headline()).isEqualTo("Analyst, engines");
        assertThat(ada.line()).isEqualTo(2);
        assertThat(network.members().get(1).email()).isNull();
        assertThat(network.members().get(1).headline()).isEqualTo("Says \"hello\"");
        EdgeBuffer edges = network.connections();
        assertThat(edges.size()).isEqualTo(1);
        assertThat(edges.duplicates()).isEqualTo(1);
        assertThat(edges.time(0)).isEqualTo(Instant.parse("2024-03-01T09:30:00Z").toEpochMilli());
    }

    @Test
    void read_withoutConnectionsFile_importsMembersOnly() throws IOException {
        StagedNetwork network = read("externalId,firstName\nx,Xia\n", null);
        assertThat(network.members()).hasSize(1);
        assertThat(network.connections().size()).isZero();
    }

    @Test
    void read_problems_areRefusedWithFileAndLine() {
        assertRefused("externalId,firstName,nickname\n", null,
                "members.csv:1: unknown column \"nickname\" (known: externalId, email, firstName, lastName, headline, "
                        + "location, industry)");
        assertRefused("externalId,lastName\n", null, "members.csv:1: the header has no firstName column");
        assertRefused("externalId,firstName\nx,Xia\ny\n", null, "members.csv:3: expected 2 fields, found 1");
        assertRefused("externalId,firstName\nx,Xia\nx,Yan\n", null,
                "members.csv:3: externalId \"x\" is already used on line 2");
        assertRefused("externalId,firstName,email\nx,Xia,not-an-address\n", null,
                "members.csv:2: \"not-an-address\" is not an e-mail address");
        assertRefused("externalId,firstName,email\nx,Xia,a@b.org\ny,Yan,A@B.org\n", null,
                "members.csv:3: e-mail a@b.org is already used on line 2");
        assertRefused("externalId,firstName\nx,\n", null, "members.csv:2: firstName is empty");
        assertRefused("externalId,firstName,headline\nx,Xia," + "h".repeat(221) + "\n", null,
                "members.csv:2: headline can be at most 220 characters (it has 221).");
        assertRefused("externalId,firstName\nx,\"Xia\n", null,
                "members.csv:2: malformed CSV: EOF reached before encapsulated token finished");
        assertRefused("externalId,firstName\nx,Xia\ny,Yan\n", "a,b\nx,y\nx,zz\n",
                "connections.csv:3: unknown member \"zz\" (not an externalId in members.csv)");
        assertRefused("externalId,firstName\nx,Xia\ny,Yan\n", "a,b,connectedAt\nx,y,last tuesday\n",
                "connections.csv:2: connectedAt: not a date: \"last tuesday\" (expected ISO-8601 such as "
                        + "2010-04-22T12:30:57Z, LDBC's 20100422123057947, or epoch milliseconds)");
    }

    @Test
    void read_missingMembersFile_isRefused() {
        assertThatThrownBy(() -> CsvNetworkReader.read(dir, ImportProgress.SILENT))
                .isInstanceOf(ImportRejectedException.class).hasMessageEndingWith("no members.csv in this directory");
    }
}
