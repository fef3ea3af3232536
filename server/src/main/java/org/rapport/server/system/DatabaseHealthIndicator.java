package org.rapport.server.system;

import java.sql.Connection;
import java.time.Duration;

import javax.sql.DataSource;

import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * {@code database} in {@code /actuator/health} and in the readiness group: whether a pooled
 * connection answers, checked every second in the background so that health answers at once
 * even while the database does not (it replaces Boot's {@code db} check, which waits for the
 * pool's connection timeout).
 */
@Component
class DatabaseHealthIndicator extends BackgroundHealth {

    private final DataSource dataSource;
    private final Database database;

    DatabaseHealthIndicator(DataSource dataSource, Database database) {
        super("database", Duration.ofSeconds(1), Duration.ofMillis(700));
        this.dataSource = dataSource;
        this.database = database;
    }

    @Override
    protected Health check() throws Exception {
        if (dataSource == null) {
            return Health.unknown().build();
        }
        long start = System.nanoTime();
        try (Connection c = dataSource.getConnection()) {
            boolean valid = c.isValid(1);
            Health.Builder b = valid ? Health.up() : Health.down();
            return b.withDetail("database", database.vendor().name())
                    .withDetail("answeredInMs", (System.nanoTime() - start) / 1_000_000).build();
        }
    }
}
