package org.rapport.server.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Which database Rapport runs on and the JDBC URL it uses. SQLite is the default: a file under the
 * data directory, opened for durability and concurrency:
 * <ul>
 *   <li>{@code journal_mode=WAL}: readers never wait for the writer;</li>
 *   <li>{@code synchronous=FULL}: every commit is fsynced before it is acknowledged;</li>
 *   <li>{@code foreign_keys=true}: cascades and references are enforced;</li>
 *   <li>{@code busy_timeout} ({@code rapport.db.busy-timeout}, 10 s): how long a writer waits for
 *       another before its write is refused with 503;</li>
 *   <li>{@code transaction_mode=DEFERRED}, always, whatever the URL says: {@code BEGIN} takes no
 *       lock and so cannot fail. Read-write transactions take the write lock as their first
 *       statement ({@link SqliteTransactionManager}), so a read-then-write transaction still never
 *       fails half way with {@code SQLITE_BUSY}. With {@code IMMEDIATE}, a {@code BEGIN IMMEDIATE}
 *       that timed out left sqlite-jdbc believing a transaction was open when none was (issue 14;
 *       ARCHITECTURE.md, "SQLite's write lock").</li>
 * </ul>
 * Other parameters already present in a given SQLite URL are kept.
 */
public record Database(Vendor vendor, String url) {

    public enum Vendor { SQLITE, POSTGRESQL }

    private static final Map<String, String> SQLITE_DEFAULTS = Map.of(
            "journal_mode", "WAL",
            "synchronous", "FULL",
            "foreign_keys", "true",
            "busy_timeout", "10000");

    public Database {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("database URL is empty");
        }
    }

    /** Resolves the configured URL; a blank one means the default SQLite file in {@code dataDir}. */
    public static Database resolve(String configuredUrl, Path dataDir) {
        return resolve(configuredUrl, dataDir, null);
    }

    /**
     * As {@link #resolve(String, Path)}, with SQLite's busy timeout set to {@code busyTimeout}
     * unless the URL gives one ({@code null}: the URL's, or 10 s).
     */
    public static Database resolve(String configuredUrl, Path dataDir, java.time.Duration busyTimeout) {
        if (configuredUrl == null || configuredUrl.isBlank()) {
            try {
                Files.createDirectories(dataDir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the data directory " + dataDir.toAbsolutePath(), e);
            }
            return sqlite("jdbc:sqlite:" + dataDir.resolve("rapport.db").toAbsolutePath(), busyTimeout);
        }
        String lower = configuredUrl.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:sqlite:")) {
            return sqlite(configuredUrl, busyTimeout);
        }
        if (lower.startsWith("jdbc:postgresql:")) {
            return new Database(Vendor.POSTGRESQL, configuredUrl);
        }
        throw new IllegalArgumentException(
                "unsupported database URL " + configuredUrl + ": Rapport runs on jdbc:sqlite: or jdbc:postgresql:");
    }

    private static Database sqlite(String url, java.time.Duration busyTimeout) {
        int q = url.indexOf('?');
        String base = q < 0 ? url : url.substring(0, q);
        Map<String, String> params = new LinkedHashMap<>();
        if (q >= 0) {
            for (String pair : url.substring(q + 1).split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                params.put(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
            }
        }
        if (busyTimeout != null) {
            params.putIfAbsent("busy_timeout", Long.toString(busyTimeout.toMillis()));
        }
        SQLITE_DEFAULTS.forEach(params::putIfAbsent);
        params.put("transaction_mode", "DEFERRED");
        String file = base.substring("jdbc:sqlite:".length());
        if (!file.isEmpty() && !file.startsWith(":memory:") && !file.startsWith("file:")) {
            Path parent = Path.of(file).toAbsolutePath().getParent();
            if (parent != null) {
                try {
                    Files.createDirectories(parent);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot create the directory for " + file, e);
                }
            }
        }
        StringBuilder sb = new StringBuilder(base).append('?');
        params.forEach((k, v) -> sb.append(k).append('=').append(v).append('&'));
        sb.setLength(sb.length() - 1);
        return new Database(Vendor.SQLITE, sb.toString());
    }

    /** SQLite's busy timeout as the URL sets it (10 s when absent); zero on PostgreSQL. */
    public java.time.Duration sqliteBusyTimeout() {
        if (!isSqlite()) {
            return java.time.Duration.ZERO;
        }
        for (String pair : url.substring(url.indexOf('?') + 1).split("&")) {
            if (pair.startsWith("busy_timeout=")) {
                return java.time.Duration.ofMillis(Long.parseLong(pair.substring("busy_timeout=".length())));
            }
        }
        return java.time.Duration.ofMillis(10_000);
    }

    public boolean isSqlite() {
        return vendor == Vendor.SQLITE;
    }

    /** The database file of a file-based SQLite URL; empty for PostgreSQL, in-memory and {@code file:} URIs. */
    public java.util.Optional<Path> sqliteFile() {
        if (!isSqlite()) {
            return java.util.Optional.empty();
        }
        String file = displayUrl().substring("jdbc:sqlite:".length());
        if (file.isEmpty() || file.startsWith(":memory:") || file.startsWith("file:")) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(Path.of(file).toAbsolutePath());
    }

    /** The URL without credentials or parameters, for logs and the health page. */
    public String displayUrl() {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }
}
