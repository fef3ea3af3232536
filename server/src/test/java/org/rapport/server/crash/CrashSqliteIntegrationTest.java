package org.rapport.server.crash;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;

/** The crash suite on the default SQLite file (WAL, synchronous=FULL). */
class CrashSqliteIntegrationTest extends CrashContract {

    @Override
    String jdbcUrl(Path dir) {
        return "jdbc:sqlite:" + dir.resolve("rapport.db");
    }

    @Override
    List<String> serverArguments(Path dir) {
        return List.of();
    }

    @Override
    Connection connect(Path dir) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(dir));
    }

    @Override
    boolean sweepsOrphanedImportsAtStartUp() {
        return true;
    }

    @Override
    int defaultKills() {
        return 8;
    }
}
