package org.rapport.server.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import org.rapport.server.system.Database;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code rapport backup <file>}: a consistent copy of a SQLite database, taken online beside a
 * running server. {@code VACUUM INTO} from a connection of its own reads one snapshot of the
 * database (WAL included: what the server committed before the copy began is in it, what it
 * commits during the copy is not) and writes it as a fresh, compact file. Copying
 * {@code rapport.db} with {@code cp} is not a backup: recent commits live in {@code rapport.db-wal}.
 * Everything the server needs is in the file: the key material for sealed contacts is the
 * {@code secrets} table. The graph snapshot and the search index are rebuilt from it.
 * PostgreSQL: {@code pg_dump} (docs/operating.md).
 */
@Command(name = "backup", description = "Copy the SQLite database, online, into a new file: {file, bytes, millis, "
        + "integrity}. PostgreSQL: use pg_dump (docs/operating.md).")
final class BackupCommand implements Callable<Integer> {

    @ParentCommand
    RapportCli root;

    @Parameters(index = "0", paramLabel = "<file>", description = "the backup file to write; must not exist")
    Path target;

    @Override
    public Integer call() {
        Database database = root.database();
        Path source = database.sqliteFile().orElseThrow(() -> new CliException(
                "rapport backup copies a SQLite database; for PostgreSQL use pg_dump (see docs/operating.md)"));
        if (!Files.isRegularFile(source)) {
            throw new CliException("no database at " + source);
        }
        Path file = target.toAbsolutePath();
        if (Files.exists(file)) {
            throw new CliException(file + " exists: give a new file name");
        }
        if (file.getParent() != null && !Files.isDirectory(file.getParent())) {
            throw new CliException("no directory " + file.getParent());
        }
        long started = System.nanoTime();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + source + "?busy_timeout=30000");
             Statement s = c.createStatement()) {
            // One read transaction: a consistent snapshot while the server keeps writing.
            s.execute("VACUUM INTO '" + file.toString().replace("'", "''") + "'");
        } catch (SQLException e) {
            throw new CliException("backup failed: " + e.getMessage());
        }
        String integrity = integrityCheck(file);
        if (!"ok".equals(integrity)) {
            throw new CliException("the copy at " + file + " failed its integrity check: " + integrity);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("file", file.toString());
        try {
            out.put("bytes", Files.size(file));
        } catch (IOException e) {
            throw new CliException("cannot read " + file + ": " + e.getMessage());
        }
        out.put("millis", (System.nanoTime() - started) / 1_000_000);
        out.put("integrity", integrity);
        System.out.println(JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(out));
        return 0;
    }

    /** {@code PRAGMA integrity_check} of a SQLite file: "ok", or the first problem. */
    static String integrityCheck(Path file) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file + "?open_mode=1");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
            return rs.next() ? rs.getString(1) : "no answer";
        } catch (SQLException e) {
            return "not a SQLite database (" + e.getMessage() + ")";
        }
    }
}
