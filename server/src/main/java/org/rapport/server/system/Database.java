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
 *   <li>{@code busy_timeout}: a writer waits for another instead of failing;</li>
 *   <li>{@code transaction_mode=IMMEDIATE}: every transaction takes the write lock when it begins,
 *       so a read-then-write transaction can never fail half way with {@code SQLITE_BUSY} because
 *       another writer committed between its read and its write.</li>
 * </ul>
 * Parameters already present in a given SQLite URL are kept.
 */
public record Database(Vendor vendor, String url) {

    public enum Vendor { SQLITE, POSTGRESQL }

    private static final Map<String, String> SQLITE_DEFAULTS = Map.of(
            "journal_mode", "WAL",
            "synchronous", "FULL",
            "foreign_keys", "true",
            "busy_timeout", "30000",
            "transaction_mode", "IMMEDIATE");

    public Database {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("database URL is empty");
        }
    }

    /** Resolves the configured URL; a blank one means the default SQLite file in {@code dataDir}. */
    public static Database resolve(String configuredUrl, Path dataDir) {
        if (configuredUrl == null || configuredUrl.isBlank()) {
            try {
                Files.createDirectories(dataDir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the data directory " + dataDir.toAbsolutePath(), e);
            }
            return sqlite("jdbc:sqlite:" + dataDir.resolve("rapport.db").toAbsolutePath());
        }
        String lower = configuredUrl.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:sqlite:")) {
            return sqlite(configuredUrl);
        }
        if (lower.startsWith("jdbc:postgresql:")) {
            return new Database(Vendor.POSTGRESQL, configuredUrl);
        }
        throw new IllegalArgumentException(
                "unsupported database URL " + configuredUrl + ": Rapport runs on jdbc:sqlite: or jdbc:postgresql:");
    }

    private static Database sqlite(String url) {
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
        SQLITE_DEFAULTS.forEach(params::putIfAbsent);
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
