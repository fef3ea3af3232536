package org.rapport.server.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.rapport.server.support.ApiIntegrationContract;
import org.rapport.server.support.PostgresSpringTest;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * Issue 14, item 4: on PostgreSQL running on this machine, health watches the free space of
 * PostgreSQL's own data directory, as PostgreSQL itself names it.
 */
@PostgresSpringTest
class DatabaseDiskPostgresIntegrationTest extends ApiIntegrationContract {

    @Test
    void healthWatchesTheFileSystemOfPostgresqlsDataDirectory() throws Exception {
        String directory = jdbc.sql("SELECT current_setting('data_directory')").query(String.class).single();
        var health = json.readTree(mvc.perform(MockMvcRequestBuilders.get("/actuator/health")
                        .with(SecurityMockMvcRequestPostProcessors.user("operator").roles("ADMIN"))).andReturn()
                .getResponse().getContentAsString());
        var disk = health.path("components").path("databaseDisk");
        assertThat(Files.isDirectory(Path.of(directory))).as("the test database runs on this machine").isTrue();
        assertThat(disk.path("details").path("watched").asBoolean()).as("%s", disk).isTrue();
        assertThat(disk.path("details").path("path").asString()).isEqualTo(directory);
        long free = disk.path("details").path("free").asLong();
        long minFree = disk.path("details").path("minFree").asLong();
        assertThat(free).isPositive();
        assertThat(disk.path("status").asString()).isEqualTo(free >= minFree ? "UP" : "OUT_OF_SERVICE");
    }
}
