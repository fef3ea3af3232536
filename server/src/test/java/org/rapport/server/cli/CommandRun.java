package org.rapport.server.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Runs the {@code rapport} command in this JVM and captures what it printed. Standard output and
 * error are process-wide, so runs are one at a time across every test class that uses this.
 */
record CommandRun(int exit, String out, String err) {

    private static final Object CONSOLE = new Object();

    static CommandRun of(String... args) {
        synchronized (CONSOLE) {
            PrintStream out = System.out;
            PrintStream err = System.err;
            ByteArrayOutputStream stdout = new ByteArrayOutputStream();
            ByteArrayOutputStream stderr = new ByteArrayOutputStream();
            int exit;
            try {
                System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
                System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
                exit = RapportCli.run(args);
            } finally {
                System.setOut(out);
                System.setErr(err);
            }
            return new CommandRun(exit, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
        }
    }
}
