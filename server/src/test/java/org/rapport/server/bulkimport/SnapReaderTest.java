package org.rapport.server.bulkimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapReaderTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    @Test
    void read_commentsBlanksTabsSpacesAndCrlf_giveOneConnectionPerPair() throws IOException {
        Path file = write("edges.txt", """
                # Directed graph: example
                # FromNodeId\tToNodeId
                10\t20
                20 10\r
                  30   10  \r

                30\t30
                0042 20
                """);

        StagedNetwork network = SnapReader.read(file, ImportProgress.SILENT);

        assertThat(network.members()).extracting(StagedNetwork.Member::externalId)
                .containsExactly("10", "20", "30", "42");
        assertThat(network.members()).extracting(StagedNetwork.Member::line).containsExactly(3L, 3L, 5L, 8L);
        EdgeBuffer edges = network.connections();
        assertThat(edges.size()).isEqualTo(3);
        assertThat(edges.duplicates()).isEqualTo(1);
        assertThat(edges.selfLoops()).isEqualTo(1);
        // Indexes follow ascending ids: 10-20, 10-30, 20-42.
        assertThat(new int[] {edges.lo(0), edges.hi(0), edges.lo(1), edges.hi(1), edges.lo(2), edges.hi(2)})
                .containsExactly(0, 1, 0, 2, 1, 3);
    }

    @Test
    void read_gzip_isRecognisedByItsContent() throws IOException {
        Path file = dir.resolve("edges.bin");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write("1 2\n2 3\n3 1".getBytes(StandardCharsets.UTF_8));
        }
        StagedNetwork network = SnapReader.read(file, ImportProgress.SILENT);
        assertThat(network.members()).hasSize(3);
        assertThat(network.connections().size()).isEqualTo(3);
    }

    @Test
    void read_malformedLine_isRefusedWithFileAndLine() throws IOException {
        for (String bad : new String[] {"1 2 3", "1,2", "a b", "1", "-1 2", "1 1234567890123456789"}) {
            Path file = write("bad.txt", "# header\n1 2\n" + bad + "\n4 5\n");
            assertThatThrownBy(() -> SnapReader.read(file, ImportProgress.SILENT)).as(bad)
                    .isInstanceOf(ImportRejectedException.class)
                    .hasMessageStartingWith("bad.txt:3: expected two member ids")
                    .hasMessageContaining("\"" + bad + "\"");
        }
    }

    @Test
    void read_directory_isRefused() {
        assertThatThrownBy(() -> SnapReader.read(dir, ImportProgress.SILENT))
                .isInstanceOf(ImportRejectedException.class).hasMessageContaining("not a directory");
    }

    @Test
    void nameOf_isTheSameForTheSameIdAndVaries() throws IOException {
        assertThat(SnapReader.nameOf(123)).containsExactly(SnapReader.nameOf(123));
        long distinct = java.util.stream.LongStream.range(0, 1000)
                .mapToObj(id -> String.join(" ", SnapReader.nameOf(id))).distinct().count();
        assertThat(distinct).isGreaterThan(800);
        Path file = write("e.txt", "7 8\n");
        StagedNetwork.Member seven = SnapReader.read(file, ImportProgress.SILENT).members().get(0);
        assertThat(new String[] {seven.firstName(), seven.lastName()}).containsExactly(SnapReader.nameOf(7));
        assertThat(seven.email()).isNull();
    }
}
