package org.rapport.server.cli;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/** A separate process that keeps a SQLite database open, as a running server does, until its input closes. */
public final class SqliteHolder {

    private SqliteHolder() {
    }

    public static void main(String[] args) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + args[0] + "?journal_mode=WAL");
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS held (x INTEGER)");
            s.executeQuery("SELECT count(*) FROM held").close();
            System.out.println("open");
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold until the parent closes our input or ends us
            }
        }
    }
}
