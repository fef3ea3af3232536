package org.rapport.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rapport.server.member.MemberRepository;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code rapport backup} and {@code rapport restore} (issue 17) on real SQLite files: a backup
 * taken while another connection keeps committing holds every write acknowledged before it
 * began, passes {@code PRAGMA integrity_check}, carries the key material ({@code secrets}) and
 * restores into a new data directory that the application starts on; restore refuses a database
 * another process has open.
 */
class BackupRestoreCommandTest {

    /** The newest migration's version, as {@code migrate} reports it once everything is applied. */
    static final String LATEST_MIGRATION = latestMigration();

    private static String latestMigration() {
        try {
            int max = 0;
            for (var r : new org.springframework.core.io.support.PathMatchingResourcePatternResolver()
                    .getResources("classpath:db/migration/V*__*.sql")) {
                String name = r.getFilename();
                max = Math.max(max, Integer.parseInt(name.substring(1, name.indexOf("__"))));
            }
            return Integer.toString(max);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @TempDir
    Path dir;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Run(int exit, String out, String err) {
        JsonNode json() {
            assertThat(exit).as("exit status; stderr: %s", err).isZero();
            return JSON.readTree(out);
        }
    }

    private static Run run(String... args) {
        CommandRun r = CommandRun.of(args);
        return new Run(r.exit(), r.out(), r.err());
    }

    /** A Rapport database (schema, a member, the contact keys) in {@code dataDir}. */
    private Path makeDatabase(Path dataDir) throws Exception {
        Files.createDirectories(dataDir);
        Run migrated = run("migrate", "--data-dir=" + dataDir);
        assertThat(migrated.json().path("schemaVersion").asString()).isEqualTo(LATEST_MIGRATION);
        RapportCli cli = new RapportCli();
        cli.dataDir = dataDir.toString();
        try (var ctx = cli.startQuietly()) {
            ctx.getBean(org.rapport.server.contacts.ContactKeys.class).emailHash("someone@example.org");
            ctx.getBean(MemberRepository.class).insert("ada@example.org", "x", "s1", "Ada", "Lovelace", null,
                    java.time.Instant.parse("2026-01-05T10:00:00Z"));
        }
        return dataDir.resolve("rapport.db");
    }

    @Test
    void aBackupUnderContinuousWritesHoldsEveryWriteAcknowledgedBeforeItBeganAndRestores() throws Exception {
        Path db = makeDatabase(dir.resolve("live"));
        AtomicLong acknowledged = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> writerFailure = new AtomicReference<>();
        // A second process's worth of writes: its own connection, one committed row at a time, as
        // the server would (WAL, synchronous=FULL), counted once each commit returns.
        Thread writer = new Thread(() -> {
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db
                    + "?journal_mode=WAL&synchronous=FULL&busy_timeout=30000");
                 PreparedStatement insert = c.prepareStatement("INSERT INTO site_settings (name, value) VALUES (?, ?)")) {
                for (long n = 0; !stop.get(); n++) {
                    insert.setString(1, "write-" + n);
                    insert.setString(2, Long.toString(n));
                    insert.executeUpdate();
                    acknowledged.set(n + 1);
                }
            } catch (Throwable t) {
                writerFailure.set(t);
            }
        }, "writer");
        writer.start();
        long before;
        Run backup;
        try {
            while (acknowledged.get() < 300 && writer.isAlive()) {
                Thread.sleep(5);
            }
            before = acknowledged.get();
            backup = run("backup", dir.resolve("backup.db").toString(), "--data-dir=" + db.getParent());
            // Writes go on while the copy is read: the backup must not wait for a quiet moment.
            assertThat(acknowledged.get()).as("writes acknowledged during the backup").isGreaterThan(before);
        } finally {
            stop.set(true);
            writer.join();
        }
        assertThat(writerFailure.get()).as("the writer never failed").isNull();
        JsonNode out = backup.json();
        assertThat(out.path("integrity").asString()).isEqualTo("ok");
        assertThat(out.path("bytes").asLong()).isPositive();

        Path restoredDir = dir.resolve("restored");
        Run restore = run("restore", dir.resolve("backup.db").toString(), "--data-dir=" + restoredDir);
        assertThat(restore.json().path("members").asLong()).isEqualTo(1);
        Path restored = restoredDir.resolve("rapport.db");

        assertThat(BackupCommand.integrityCheck(restored)).isEqualTo("ok");
        Set<String> kept = new HashSet<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + restored);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT name FROM site_settings WHERE name LIKE 'write-%'")) {
            while (rs.next()) {
                kept.add(rs.getString(1));
            }
        }
        for (long n = 0; n < before; n++) {
            assertThat(kept).as("write %d, acknowledged before the backup began", n).contains("write-" + n);
        }
        assertThat(secrets(restored)).as("the contact keys travel with the backup").isEqualTo(secrets(db)).isNotEmpty();

        // The application starts on the restored database.
        RapportCli cli = new RapportCli();
        cli.dataDir = restoredDir.toString();
        try (var ctx = cli.startQuietly()) {
            assertThat(ctx.getBean(MemberRepository.class).findIdByEmail("ada@example.org")).isPresent();
        }
    }

    @Test
    void backupAndRestoreRefuseWhatTheyCannotDo() throws Exception {
        Path db = makeDatabase(dir.resolve("live"));
        Path existing = Files.writeString(dir.resolve("taken.db"), "x");
        Run overwrite = run("backup", existing.toString(), "--data-dir=" + db.getParent());
        assertThat(overwrite.exit()).isEqualTo(1);
        assertThat(overwrite.err()).startsWith("rapport: ").contains("exists");

        Run notABackup = run("restore", existing.toString(), "--data-dir=" + dir.resolve("elsewhere"));
        assertThat(notABackup.exit()).isEqualTo(1);
        assertThat(notABackup.err()).startsWith("rapport: " + existing).contains(" is not a ");
        assertThat(dir.resolve("elsewhere").resolve("rapport.db")).doesNotExist();

        Run pg = run("backup", dir.resolve("pg.db").toString(), "--db=jdbc:postgresql://127.0.0.1:5432/x");
        assertThat(pg.exit()).isEqualTo(1);
        assertThat(pg.err()).contains("pg_dump");

        Path backupFile = dir.resolve("good.db");
        run("backup", backupFile.toString(), "--data-dir=" + db.getParent()).json();
        String java = ProcessHandle.current().info().command().orElse("java");
        Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                SqliteHolder.class.getName(), db.toString()).redirectErrorStream(true).start();
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            String line;
            do {
                line = lines.readLine();
            } while (line != null && !line.equals("open"));
            assertThat(line).isEqualTo("open");
            Run running = run("restore", backupFile.toString(), "--data-dir=" + db.getParent());
            assertThat(running.exit()).isEqualTo(1);
            assertThat(running.err().strip()).isEqualTo("rapport: " + db + " is open in another process (a running "
                    + "Rapport server?): stop it first, restore, then start it again");
        } finally {
            holder.getOutputStream().close();
            holder.waitFor();
        }
    }

    private static String secrets(Path db) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT name, value FROM secrets ORDER BY name")) {
            StringBuilder sb = new StringBuilder();
            while (rs.next()) {
                sb.append(rs.getString(1)).append('=').append(rs.getString(2)).append('\n');
            }
            return sb.toString();
        }
    }
}
