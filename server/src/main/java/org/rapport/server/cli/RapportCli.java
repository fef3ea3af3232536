package org.rapport.server.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.rapport.server.RapportApplication;
import org.rapport.server.system.Database;
import org.springframework.beans.BeansException;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * The {@code rapport} command: {@code serve} runs the server; {@code graph …} answers graph
 * questions from the database as {@code api.md} describes; {@code import} loads a network in bulk.
 * Every command takes {@code --db}.
 */
@Command(name = "rapport", mixinStandardHelpOptions = true, version = "Rapport 0.1.0",
        description = "A self-hostable professional network.",
        subcommands = {RapportCli.Serve.class, GraphCommand.class, ImportCommand.class, SearchCommand.class,
                AdminCommand.class, BackupCommand.class, RestoreCommand.class, MigrateCommand.class,
                AccountsCommand.class})
public final class RapportCli implements Callable<Integer> {

    @Option(names = "--db", scope = CommandLine.ScopeType.INHERIT, paramLabel = "<jdbc-url>",
            description = "Database URL (default: the SQLite file in ./data, or RAPPORT_DB_URL)")
    String db;

    @Option(names = "--data-dir", scope = CommandLine.ScopeType.INHERIT, paramLabel = "<dir>",
            description = "Directory for the SQLite database and server files (default ./data)")
    String dataDir;

    public static int run(String[] args) {
        CommandLine cli = new CommandLine(new RapportCli());
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            // A failed start-up (a database URL it cannot use, a database it cannot reach) wraps the
            // reason in layers of bean-creation errors: report the reason, not the layers.
            Throwable reason = ex;
            while (reason instanceof BeansException && reason.getCause() != null) {
                reason = reason.getCause();
            }
            String message = reason.getMessage() == null ? reason.getClass().getSimpleName() : reason.getMessage();
            Throwable root = reason;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            if (root != reason && root.getMessage() != null && !(ex instanceof CliException)
                    && !message.contains(root.getMessage())) {
                message = message + ": " + root.getMessage();
            }
            commandLine.getErr().println("rapport: " + message.lines().findFirst().orElse(message));
            return ex instanceof CliException c ? c.exitCode() : 1;
        });
        if (args.length == 0) {
            args = new String[] {"serve"};
        }
        return cli.execute(args);
    }

    @Override
    public Integer call() {
        new CommandLine(this).usage(new PrintWriter(System.out, true));
        return 0;
    }

    /** Spring arguments common to every command. */
    List<String> springArgs() {
        List<String> args = new ArrayList<>();
        if (db != null) {
            args.add("--spring.datasource.url=" + db);
        }
        if (dataDir != null) {
            args.add("--rapport.data-dir=" + dataDir);
        }
        return args;
    }

    /** The data directory, resolved as the application will resolve it. */
    Path dataDir() {
        return Path.of(dataDir != null ? dataDir : System.getenv().getOrDefault("RAPPORT_DATA_DIR", "./data"));
    }

    /** The database the command works on, resolved as the application will resolve it. */
    Database database() {
        String url = db != null ? db : System.getenv("RAPPORT_DB_URL");
        String dir = dataDir != null ? dataDir : System.getenv().getOrDefault("RAPPORT_DATA_DIR", "./data");
        return Database.resolve(url, Path.of(dir));
    }

    /** Starts the application without a web server, quietly, for a one-shot command. */
    ConfigurableApplicationContext startQuietly() {
        List<String> args = springArgs();
        args.add("--rapport.scheduling.enabled=false");
        // The search index allows one writer: a server may hold it. Commands that need it open it.
        args.add("--rapport.search.open-at-start-up=false");
        args.add("--logging.level.root=WARN");
        // Standard output carries the command's JSON and nothing else; a failure is the one line
        // the execution exception handler prints on standard error.
        args.add("--logging.threshold.console=OFF");
        args.add("--logging.level.org.rapport=WARN");
        SpringApplication app = new SpringApplicationBuilder(RapportApplication.class)
                .web(WebApplicationType.NONE)
                .logStartupInfo(false)
                .build();
        return app.run(args.toArray(String[]::new));
    }

    @Command(name = "serve", description = "Run the server (default port 8080).")
    static final class Serve implements Callable<Integer> {
        @ParentCommand
        RapportCli parent;

        @Option(names = "--port", paramLabel = "<port>", description = "HTTP port (default 8080, or PORT)")
        Integer port;

        @Option(names = "--demo", description = "Fill an empty database with a generated demo network and print a sign-in")
        boolean demo;

        @Override
        public Integer call() {
            List<String> args = parent.springArgs();
            if (port != null) {
                args.add("--server.port=" + port);
            }
            if (demo) {
                args.add("--rapport.demo.enabled=true");
            }
            SpringApplication.run(RapportApplication.class, args.toArray(String[]::new));
            // The web server keeps the JVM alive; main must not exit.
            try {
                Thread.currentThread().join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 0;
        }
    }
}
