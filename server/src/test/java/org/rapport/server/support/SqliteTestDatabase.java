package org.rapport.server.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * One fresh SQLite data directory per test JVM, under {@code target/}, shared by every context
 * (their graph indexes each load it at start). A test class whose context writes what the shared
 * contexts' indexes would not see (connections, above all) asks for a directory of its own with
 * {@code rapport.test.own-database=true} in its {@code @TestPropertySource}.
 */
public final class SqliteTestDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static Path dir;

    public static synchronized Path dataDir() {
        if (dir == null) {
            try {
                Files.createDirectories(Path.of("target"));
                dir = Files.createTempDirectory(Path.of("target"), "sqlite-test-").toAbsolutePath();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return dir;
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        Path data = dataDir();
        if (Boolean.parseBoolean(context.getEnvironment().getProperty("rapport.test.own-database"))) {
            try {
                data = Files.createTempDirectory(Path.of("target"), "sqlite-own-").toAbsolutePath();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("sqlite-test",
                Map.of("rapport.data-dir", data.toString(), "spring.datasource.url", "")));
    }
}
