package org.rapport.server.system;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long Rapport waits for the database before it answers 503 instead (issue 14).
 *
 * @param poolSize          connections in the pool (default 8 on SQLite, 16 on PostgreSQL)
 * @param busyTimeout       on SQLite, how long a write waits for the write lock (another writer's
 *                          transaction) before it is refused with 503 and {@code Retry-After}
 * @param connectionTimeout how long a request waits for a pooled connection (default 10 s on
 *                          SQLite, where only a busy pool makes it wait; 1.5 s on PostgreSQL, where
 *                          an unreachable server does, so that an outage is answered 503 within 2 s)
 */
@ConfigurationProperties("rapport.db")
public record DatabaseProperties(
        Integer poolSize,
        @DefaultValue("10s") Duration busyTimeout,
        Duration connectionTimeout) {

    public DatabaseProperties {
        if (poolSize != null && poolSize < 1) {
            throw new IllegalArgumentException("rapport.db.pool-size must be positive, was " + poolSize);
        }
        if (busyTimeout.isNegative() || busyTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("rapport.db.busy-timeout must be between 0 and 24 days");
        }
        if (connectionTimeout != null && connectionTimeout.toMillis() < 250) {
            throw new IllegalArgumentException("rapport.db.connection-timeout must be at least 250ms (Hikari's minimum)");
        }
    }

    int poolSize(Database database) {
        return poolSize != null ? poolSize : database.isSqlite() ? 8 : 16;
    }

    Duration connectionTimeout(Database database) {
        return connectionTimeout != null ? connectionTimeout
                : database.isSqlite() ? Duration.ofSeconds(10) : Duration.ofMillis(1500);
    }
}
