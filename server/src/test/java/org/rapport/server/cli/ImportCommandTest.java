package org.rapport.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code rapport import} as an operator runs it: JSON on standard output, exit codes, one-line
 * reasons on standard error, and the refusal of a SQLite file another process has open.
 */
class ImportCommandTest {

    @TempDir
    Path dir;

    private record Run(int exitCode, String out, String err) {
    }

    private static synchronized Run run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int code = RapportCli.run(args);
            return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    private static String lastLine(String text) {
        List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }

    @Test
    void unknownFormatOrMissingPathExitsWithTwoAndOneLine() {
        Run format = run("import", "--format", "xml", dir.toString());
        assertThat(format.exitCode()).isEqualTo(2);
        assertThat(lastLine(format.err())).isEqualTo("rapport: unknown format \"xml\": use ldbc, snap or csv");

        Run missing = run("import", "--format", "snap", dir.resolve("nothing.txt").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(lastLine(missing.err())).endsWith("nothing.txt: no such file or directory");
    }

    @Test
    void importPrintsTheJsonSummaryOrTheFileAndLineOfAProblem() throws IOException {
        Path edges = dir.resolve("edges.txt");
        Files.writeString(edges, "# tiny\n1\t2\n2\t3\n3\t1\n1\t1\n");
        String db = "jdbc:sqlite:" + dir.resolve("rapport.db");

        Run ok = run("import", "--format", "snap", edges.toString(), "--db", db, "--data-dir", dir.toString());

        assertThat(ok.exitCode()).as(ok.err()).isZero();
        JsonNode summary = JsonMapper.builder().build().readTree(ok.out());
        assertThat(summary.get("members").asLong()).isEqualTo(3);
        assertThat(summary.get("connections").asLong()).isEqualTo(3);
        assertThat(summary.get("skipped").get("selfLoops").asLong()).isEqualTo(1);
        for (String field : List.of("positions", "education", "interests", "groups", "groupMemberships", "seconds")) {
            assertThat(summary.has(field)).as(field).isTrue();
        }
        assertThat(lastLine(ok.err())).startsWith("rapport: imported 3 members, 3 connections");

        Files.writeString(edges, "7 8\n8 x\n");
        Run bad = run("import", "--format", "snap", edges.toString(), "--db", db, "--data-dir", dir.toString());

        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.out()).isEmpty();
        assertThat(lastLine(bad.err())).isEqualTo("rapport: import refused: edges.txt:2: expected two member ids "
                + "(non-negative integers) separated by a tab or space, found \"8 x\"");
    }

    @Test
    void refusesASqliteFileAnotherProcessHasOpen() throws Exception {
        Path db = dir.resolve("busy.db");
        Path edges = dir.resolve("edges.txt");
        Files.writeString(edges, "1 2\n");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                SqliteHolder.class.getName(), db.toString()).redirectErrorStream(true).start();
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(holder.getInputStream(),
                    StandardCharsets.UTF_8));
            String line;
            do {
                line = lines.readLine();
            } while (line != null && !line.equals("open"));
            assertThat(line).as("the holder process opened the database").isEqualTo("open");

            Run refused = run("import", "--format", "snap", edges.toString(), "--db", "jdbc:sqlite:" + db);

            assertThat(refused.exitCode()).isEqualTo(1);
            assertThat(lastLine(refused.err())).isEqualTo("rapport: " + db + " is open in another process (a running "
                    + "Rapport server?): stop it first, import, then start it again so it loads the new graph");
        } finally {
            holder.getOutputStream().close();
            holder.destroy();
            holder.waitFor();
        }
    }
}
