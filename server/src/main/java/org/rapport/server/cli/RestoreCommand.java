package org.rapport.server.cli;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
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
 * {@code rapport restore <file>}: puts a backup made by {@code rapport backup} in place of the SQLite
 * database, with the server stopped (refused while any process has the database open). The backup
 * is checked first (integrity, a Rapport schema); then copied beside the database and renamed over
 * it, the old {@code -wal} and {@code -shm} files removed, and the graph snapshot and search index
 * of the data directory deleted: they describe the database as it was, and the server rebuilds
 * both from the restored one at start-up.
 */
@Command(name = "restore", description = "Replace the SQLite database with a backup; the server must be stopped. "
        + "Prints {file, restoredFrom, members}.")
final class RestoreCommand implements Callable<Integer> {

    @ParentCommand
    RapportCli root;

    @Parameters(index = "0", paramLabel = "<file>", description = "a file written by rapport backup")
    Path backup;

    @Override
    public Integer call() {
        Database database = root.database();
        Path target = database.sqliteFile().orElseThrow(() -> new CliException(
                "rapport restore restores a SQLite database; for PostgreSQL use pg_restore (see docs/operating.md)"));
        Path from = backup.toAbsolutePath();
        if (!Files.isRegularFile(from)) {
            throw new CliException("no backup at " + from);
        }
        String integrity = BackupCommand.integrityCheck(from);
        if (!"ok".equals(integrity)) {
            throw new CliException(from + " is not a usable backup: " + integrity);
        }
        long members = members(from);
        ImportCommand.refuseSqliteInUse(database, "restore, then start it again");
        try {
            Files.createDirectories(target.getParent());
            Path temp = target.resolveSibling(target.getFileName() + ".restoring");
            Files.copy(from, temp, StandardCopyOption.REPLACE_EXISTING);
            Files.deleteIfExists(target.resolveSibling(target.getFileName() + "-wal"));
            Files.deleteIfExists(target.resolveSibling(target.getFileName() + "-shm"));
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Path dataDir = root.dataDir();
            Files.deleteIfExists(dataDir.resolve("graph.snapshot"));
            deleteTree(dataDir.resolve("search-index"));
        } catch (IOException e) {
            throw new CliException("restore failed: " + e.getMessage());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("file", target.toString());
        out.put("restoredFrom", from.toString());
        out.put("members", members);
        System.out.println(JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(out));
        return 0;
    }

    private static long members(Path file) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file + "?open_mode=1");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT (SELECT count(*) FROM flyway_schema_history), (SELECT count(*) FROM members)")) {
            rs.next();
            return rs.getLong(2);
        } catch (SQLException e) {
            throw new CliException(file + " is not a Rapport database: " + e.getMessage());
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
