package org.rapport.server.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * One fresh PostgreSQL database per test JVM, created on first use and dropped at exit. The server
 * is {@code RAPPORT_TEST_PG_URL} (default {@code jdbc:postgresql://127.0.0.1:5432/postgres}) as
 * {@code RAPPORT_TEST_PG_USER} (default {@code postgres}).
 */
public final class PostgresTestDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static String url;

    public static String adminUrl() {
        return System.getenv().getOrDefault("RAPPORT_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    }

    public static String user() {
        return System.getenv().getOrDefault("RAPPORT_TEST_PG_USER", "postgres");
    }

    /** Why PostgreSQL cannot be used, or null when it can. */
    static String unavailableReason() {
        try (Connection c = DriverManager.getConnection(adminUrl(), user(), "")) {
            return null;
        } catch (SQLException e) {
            return "PostgreSQL is not reachable at " + adminUrl() + " as " + user() + ": " + e.getMessage();
        }
    }

    /**
     * A database of its own (dropped at exit), for server processes started by a suite: they must
     * not write into the database this JVM's application contexts hold in their graph indexes.
     */
    public static synchronized String separate(String tag) {
        return create("rapport_" + tag + "_");
    }

    /** The JDBC URL of this JVM's test database, creating it the first time. */
    public static synchronized String url() {
        if (url == null) {
            url = create("rapport_test_");
        }
        return url;
    }

    private static String create(String prefix) {
        String name = prefix + ProcessHandle.current().pid() + "_"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 24));
        try (Connection c = DriverManager.getConnection(adminUrl(), user(), "");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a PostgreSQL test database"
                    + (Environment.ci() ? " (CI=true requires PostgreSQL)" : "") + ": " + e.getMessage(), e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> drop(name)));
        return adminUrl().substring(0, adminUrl().lastIndexOf('/') + 1) + name;
    }

    private static void drop(String name) {
        try (Connection c = DriverManager.getConnection(adminUrl(), user(), "");
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            System.err.println("could not drop test database " + name + ": " + e.getMessage());
        }
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("postgres-test",
                Map.of("spring.datasource.url", url(), "spring.datasource.username", user())));
    }
}
