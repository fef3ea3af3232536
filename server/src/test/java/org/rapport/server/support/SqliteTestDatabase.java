package org.rapport.server.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/** One fresh SQLite data directory per test JVM, under {@code target/}. */
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
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("sqlite-test",
                Map.of("rapport.data-dir", dataDir().toString(), "spring.datasource.url", "")));
    }
}
