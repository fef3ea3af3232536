package org.rapport.server.system;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * {@code dataDirectory} in {@code /actuator/health} and readiness: free space on the file system
 * of the data directory (the SQLite database, its write-ahead log, spooled uploads, the graph
 * snapshot and the search index), not the working directory's. Below
 * {@code rapport.disk.min-free} it reports OUT_OF_SERVICE, so a load balancer stops sending
 * writes before the disk is full. One {@code statfs}: cheap enough to run on every call.
 */
@Component
class DataDirectoryHealthIndicator implements HealthIndicator {

    private final Path dataDir;
    private final DataSize minFree;

    DataDirectoryHealthIndicator(RapportProperties properties,
                                 @org.springframework.beans.factory.annotation.Value("${rapport.disk.min-free:512MB}")
                                 DataSize minFree) {
        this.dataDir = properties.dataDir().toAbsolutePath();
        this.minFree = minFree;
    }

    @Override
    public Health health() {
        try {
            Files.createDirectories(dataDir);
            FileStore store = Files.getFileStore(dataDir);
            long free = store.getUsableSpace();
            Health.Builder b = free >= minFree.toBytes() ? Health.up() : Health.status(Status.OUT_OF_SERVICE);
            return b.withDetail("path", dataDir.toString())
                    .withDetail("free", free)
                    .withDetail("total", store.getTotalSpace())
                    .withDetail("minFree", minFree.toBytes())
                    .build();
        } catch (IOException e) {
            return Health.down().withDetail("path", dataDir.toString()).withDetail("error", e.toString()).build();
        }
    }
}
