package org.rapport.server.cli;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.rapport.server.bulkimport.ImportFormat;
import org.rapport.server.bulkimport.ImportProgress;
import org.rapport.server.bulkimport.ImportRejectedException;
import org.rapport.server.bulkimport.ImportSummary;
import org.rapport.server.bulkimport.NetworkImporter;
import org.rapport.server.system.Database;
import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code rapport import --format ldbc|snap|csv PATH}: bulk import (E7). Prints the JSON summary on
 * standard output, progress on standard error when it is a terminal, and always a last line on
 * standard error. Import with the server stopped: a running server would keep its graph as it was
 * loaded at start-up. For SQLite this is checked: a database file another process has open is refused.
 */
@Command(name = "import", description = {
        "Bulk import of a network in one transaction: ldbc (an LDBC SNB directory), snap (an edge list, "
                + "plain or gzip) or csv (a directory with members.csv and connections.csv).",
        "Run it with the server stopped; the server loads the new graph when it starts."})
final class ImportCommand implements Callable<Integer> {

    @ParentCommand
    RapportCli root;

    @Option(names = "--format", required = true, paramLabel = "ldbc|snap|csv", description = "The source format")
    String format;

    @Parameters(paramLabel = "PATH", description = "The data set: a directory (ldbc, csv) or a file (snap)")
    Path path;

    @Option(names = "--indexes", hidden = true, defaultValue = "auto",
            description = "auto, keep or rebuild: whether to drop secondary indexes for the load (for measuring)")
    String indexes;

    @Option(names = "--no-progress", description = "No progress display, even on a terminal")
    boolean noProgress;

    @Override
    public Integer call() {
        ImportFormat f;
        NetworkImporter.IndexStrategy strategy;
        try {
            f = ImportFormat.parse(format);
            strategy = NetworkImporter.IndexStrategy.valueOf(indexes.toUpperCase(Locale.ROOT));
        } catch (ImportRejectedException e) {
            throw new CliException(e.getMessage(), 2);
        } catch (IllegalArgumentException e) {
            throw new CliException("--indexes must be auto, keep or rebuild", 2);
        }
        Path source = path.toAbsolutePath().normalize();
        if (!Files.exists(source)) {
            throw new CliException(source + ": no such file or directory", 2);
        }
        refuseSqliteInUse(root.database());
        ImportProgress progress = !noProgress && TerminalProgress.isTerminal()
                ? new TerminalProgress(System.err) : ImportProgress.SILENT;
        try (ConfigurableApplicationContext ctx = root.startQuietly()) {
            ImportSummary summary = ctx.getBean(NetworkImporter.class)
                    .importNetwork(f, source, progress, new NetworkImporter.Options(strategy, false));
            System.out.println(ctx.getBean(JsonMapper.class).writerWithDefaultPrettyPrinter()
                    .writeValueAsString(summary.toJson()));
            System.err.println("rapport: " + summary.oneLine());
            return 0;
        } catch (ImportRejectedException e) {
            throw new CliException("import refused: " + e.getMessage());
        }
    }

    /**
     * Refuses a SQLite file that another process (a running server, another command) has open. In
     * WAL mode every open connection holds a shared lock on the file's lock-byte range (SQLite's
     * file format: 510 bytes from offset 2^30 + 2) for as long as it is open, so failing to lock
     * that range exclusively means someone has the database open. POSIX locks belong to the
     * process: this runs before this process opens the database itself.
     */
    static void refuseSqliteInUse(Database database) {
        refuseSqliteInUse(database, "import, then start it again so it loads the new graph");
    }

    /** As above; {@code then} says what to do once the server is stopped. */
    static void refuseSqliteInUse(Database database, String then) {
        Path file = database.sqliteFile().orElse(null);
        if (file == null || !Files.isRegularFile(file)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock(0x4000_0002L, 510, false);
            if (lock == null) {
                throw new CliException(file + " is open in another process (a running Rapport server?): stop it "
                        + "first, " + then);
            }
            lock.release();
        } catch (IOException e) {
            throw new CliException("cannot open " + file + ": " + e.getMessage());
        }
    }
}
