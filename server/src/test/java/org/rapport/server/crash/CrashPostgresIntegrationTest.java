package org.rapport.server.crash;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;

import org.junit.jupiter.api.extension.ExtendWith;
import org.rapport.server.support.PostgresTestDatabase;
import org.rapport.server.support.RequiresPostgres;

/** The crash suite on PostgreSQL, in a database of its own. */
@ExtendWith(RequiresPostgres.class)
class CrashPostgresIntegrationTest extends CrashContract {

    private String url;

    @Override
    String jdbcUrl(Path dir) {
        if (url == null) {
            url = PostgresTestDatabase.separate("crash");
        }
        return url;
    }

    @Override
    List<String> serverArguments(Path dir) {
        return List.of("--db", jdbcUrl(dir));
    }

    @Override
    Connection connect(Path dir) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(dir), PostgresTestDatabase.user(), "");
    }

    @Override
    void environment(java.util.Map<String, String> env) {
        env.put("RAPPORT_DB_USER", PostgresTestDatabase.user());
    }

    @Override
    int defaultKills() {
        return 4;
    }
}
