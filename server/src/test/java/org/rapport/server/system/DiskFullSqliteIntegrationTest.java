package org.rapport.server.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.junit.jupiter.api.Test;
import org.rapport.server.support.ApiIntegrationContract;
import org.rapport.server.support.SqliteSpringTest;
import org.rapport.server.support.SqliteTestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * Issue 14: the disk check watches the data directory and takes the node out of readiness below
 * {@code rapport.disk.min-free} (here an impossible million terabytes); a write failing for a full disk
 * ({@code SQLITE_FULL}, made here with {@code PRAGMA max_page_count} on every pooled connection)
 * is answered 507 with Retry-After and stores nothing. Shares its context with
 * {@link SqliteWriteLockIntegrationTest}.
 */
@SqliteSpringTest
@TestPropertySource(properties = {"rapport.db.busy-timeout=1s", "rapport.disk.min-free=1000000TB"})
class DiskFullSqliteIntegrationTest extends ApiIntegrationContract {

    @Autowired
    DataSource dataSource;

    @Test
    void lowSpaceOnTheDataDirectoryTakesTheNodeOutOfReadiness() throws Exception {
        var readiness = mvc.perform(MockMvcRequestBuilders.get("/actuator/health/readiness")).andReturn().getResponse();
        assertThat(readiness.getStatus()).isEqualTo(503);
        // Health details are for administrators (issue 17).
        var health = json.readTree(mvc.perform(MockMvcRequestBuilders.get("/actuator/health")
                        .with(SecurityMockMvcRequestPostProcessors.user("operator").roles("ADMIN"))).andReturn()
                .getResponse().getContentAsString());
        var disk = health.path("components").path("dataDirectory");
        assertThat(disk.path("status").asString()).isEqualTo("OUT_OF_SERVICE");
        assertThat(disk.path("details").path("path").asString()).isEqualTo(SqliteTestDatabase.dataDir().toString());
        assertThat(disk.path("details").path("free").asLong()).isPositive();
    }

    @Test
    void writeRefusedByAFullDatabaseIsAnswered507AndNothingIsStored() throws SQLException {
        Caller author = caller("Full", "Disk");
        HikariDataSource pool = (HikariDataSource) dataSource;
        List<String> stored = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        // Earlier suites in this JVM left free pages in the shared database, which would take these
        // posts without growing the file: give them back first, so the cap is really reached.
        try (Connection c = pool.getConnection()) {
            c.createStatement().execute("VACUUM");
        }
        capEveryPooledConnection(pool, true);
        try {
            for (int i = 0; i < 60 && refused.size() < 3; i++) {
                String text = "post " + i + " " + "x".repeat(2_900);
                var r = post(author, "/posts", Map.of("text", text));
                if (r.status() == 201) {
                    stored.add(text);
                } else {
                    r.expectProblem(507);
                    assertThat(r.problemType()).endsWith("/storage-full");
                    assertThat(r.header("Retry-After")).isNotBlank();
                    refused.add(text);
                }
            }
        } finally {
            capEveryPooledConnection(pool, false);
        }
        assertThat(refused).as("the capped database refused writes").isNotEmpty();
        List<String> bodies = jdbc.sql("SELECT body FROM posts WHERE author_id = :a").param("a", author.id())
                .query(String.class).list();
        assertThat(bodies).as("every acknowledged post stored, every refused one absent")
                .containsExactlyInAnyOrderElementsOf(stored);
        post(author, "/posts", Map.of("text", "room again")).expect(201);
    }

    /** Caps (or uncaps) the database at its current size on every connection of the pool. */
    private static void capEveryPooledConnection(HikariDataSource pool, boolean cap) throws SQLException {
        List<Connection> all = new ArrayList<>();
        try {
            for (int i = 0; i < pool.getMaximumPoolSize(); i++) {
                Connection c = pool.getConnection();
                all.add(c);
                long pages;
                try (var rs = c.createStatement().executeQuery("PRAGMA page_count")) {
                    rs.next();
                    pages = rs.getLong(1);
                }
                c.createStatement().execute("PRAGMA max_page_count = " + (cap ? pages : 1_073_741_823L));
            }
        } finally {
            for (Connection c : all) {
                c.close();
            }
        }
    }
}
