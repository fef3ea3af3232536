package org.rapport.server.system;

import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * {@code databaseDisk} in {@code /actuator/health} and readiness: free space on the file system of
 * PostgreSQL's own data directory, when PostgreSQL runs on this machine. A full PostgreSQL disk
 * refuses every write, so the node leaves readiness below {@code rapport.disk.min-free}, as
 * {@code dataDirectory} does for Rapport's own files.
 *
 * <p>The directory is asked of PostgreSQL once, when the application is ready
 * ({@code data_directory} is readable by superusers and members of {@code pg_read_all_settings});
 * after that every call is one {@code statfs}, so health stays fast with the database away. When
 * the setting cannot be read, or the directory is not on this machine (a database server of its
 * own, whose disk its own monitoring watches), the check says so and reports UNKNOWN, which leaves
 * readiness to the others. On SQLite the database is in the data directory: {@code dataDirectory}
 * covers it.
 */
@Component("databaseDisk")
class DatabaseDiskHealthIndicator implements HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(DatabaseDiskHealthIndicator.class);

    private final Database database;
    private final JdbcClient jdbc;
    private final DataSize minFree;
    private volatile Path directory;
    private volatile String unwatched = "not asked yet: the application is starting";

    DatabaseDiskHealthIndicator(Database database, JdbcClient jdbc, @Value("${rapport.disk.min-free:512MB}") DataSize minFree) {
        this.database = database;
        this.jdbc = jdbc;
        this.minFree = minFree;
        if (database.vendor() == Database.Vendor.SQLITE) {
            unwatched = "SQLite: the database is in the data directory, which dataDirectory watches";
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    void findDirectory() {
        if (database.vendor() != Database.Vendor.POSTGRESQL) {
            return;
        }
        try {
            String setting = jdbc.sql("SELECT current_setting('data_directory')").query(String.class).single();
            Path path = Path.of(setting);
            if (Files.isDirectory(path)) {
                directory = path;
                log.info("Watching the free space of PostgreSQL's data directory {}", path);
            } else {
                unwatched = "PostgreSQL's data directory " + setting + " is not on this machine";
            }
        } catch (RuntimeException e) {
            unwatched = "PostgreSQL did not say where its data directory is (grant pg_read_all_settings to "
                    + "Rapport's database user to have it watched): " + e.getClass().getSimpleName();
        }
    }

    @Override
    public Health health() {
        Path path = directory;
        if (path == null) {
            return Health.unknown().withDetail("watched", false).withDetail("reason", unwatched).build();
        }
        try {
            FileStore store = Files.getFileStore(path);
            long free = store.getUsableSpace();
            Health.Builder b = free >= minFree.toBytes() ? Health.up() : Health.status(Status.OUT_OF_SERVICE);
            return b.withDetail("watched", true)
                    .withDetail("path", path.toString())
                    .withDetail("free", free)
                    .withDetail("total", store.getTotalSpace())
                    .withDetail("minFree", minFree.toBytes())
                    .build();
        } catch (java.io.IOException e) {
            return Health.down().withDetail("path", path.toString()).withDetail("error", e.toString()).build();
        }
    }
}
