package org.rapport.server.bulkimport;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Bulk loading on SQLite: one {@code BEGIN IMMEDIATE} transaction (the URL's transaction mode),
 * so the write lock is held from the start; rows go through one prepared {@code INSERT} per
 * table in JDBC batches.
 *
 * <p>For the load the connection turns foreign-key enforcement off, uses a large page cache (what
 * keeps index maintenance and rebuilding off the disk) and lets SQLite sort with helper threads
 * when it rebuilds an index. Every reference an import
 * writes is to a row it writes itself with an id it assigned, checked while reading; checking them
 * again row by row ({@code PRAGMA foreign_key_check}) would cost as much as the load of
 * connections itself (measured in BENCHMARKS.md), so the tests do that instead.
 * Both are put back before the connection returns to the pool. After the commit the write-ahead
 * log, which held every page of the import, is checkpointed and truncated.
 */
final class SqliteBulkLoader extends BulkLoader {

    private static final int BATCH = 10_000;
    /** Page cache for the load, in KiB (negative: a size, not a page count). */
    private static final long CACHE_KIB = 512 * 1024;
    /** Helper threads SQLite may use to sort when it builds an index (it uses none by default). */
    private static final int SORT_THREADS = 2;

    private long previousCacheSize;
    private long previousForeignKeys;
    private long previousThreads;

    SqliteBulkLoader(Connection connection) {
        super(connection);
    }

    @Override
    protected void prepareSession() throws SQLException {
        previousCacheSize = queryLong("PRAGMA cache_size");
        previousForeignKeys = queryLong("PRAGMA foreign_keys");
        previousThreads = queryLong("PRAGMA threads");
        execute("PRAGMA foreign_keys = OFF");
        execute("PRAGMA cache_size = -" + CACHE_KIB);
        execute("PRAGMA threads = " + SORT_THREADS);
    }

    @Override
    protected void lockTables() throws SQLException {
        // The transaction began with BEGIN IMMEDIATE (transaction_mode=IMMEDIATE in the URL), but a
        // URL may say otherwise: a write takes the lock now either way.
        execute("DELETE FROM imports WHERE 0");
    }

    @Override
    long lastId(String table) throws SQLException {
        return Math.max(queryLong("SELECT COALESCE(max(id), 0) FROM " + table),
                queryLong("SELECT COALESCE(max(seq), 0) FROM sqlite_sequence WHERE name = ?", table));
    }

    /** AUTOINCREMENT records the largest id ever inserted in sqlite_sequence, explicit ones included. */
    @Override
    void reserveIds(String table, long last) {
    }

    @Override
    long estimatedRows(String table) throws SQLException {
        return queryLong("SELECT COALESCE(max(rowid), 0) FROM " + table);
    }

    @Override
    List<String> dropForLoad(String table) throws SQLException {
        List<String[]> indexes = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL "
                        + "ORDER BY name")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    indexes.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
        }
        List<String> restore = new ArrayList<>();
        for (String[] index : indexes) {
            execute("DROP INDEX \"" + index[0].replace("\"", "\"\"") + "\"");
            restore.add(index[1]);
        }
        return restore;
    }

    @Override
    RowSink rows(String table, List<String> columns, Map<String, String> constants) throws SQLException {
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(table).append(" (");
        StringBuilder values = new StringBuilder(" VALUES (");
        for (String c : columns) {
            sql.append(c).append(", ");
            values.append("?, ");
        }
        for (Map.Entry<String, String> c : constants.entrySet()) {
            sql.append(c.getKey()).append(", ");
            values.append('\'').append(c.getValue().replace("'", "''")).append("', ");
        }
        sql.setLength(sql.length() - 2);
        values.setLength(values.length() - 2);
        sql.append(')').append(values).append(')');
        PreparedStatement ps = connection.prepareStatement(sql.toString());
        return new RowSink() {
            private int column;
            private int pending;

            @Override
            public RowSink add(long value) throws SQLException {
                ps.setLong(++column, value);
                return this;
            }

            @Override
            public RowSink add(String value) throws SQLException {
                if (value == null) {
                    ps.setNull(++column, Types.VARCHAR);
                } else {
                    ps.setString(++column, value);
                }
                return this;
            }

            @Override
            public void endRow() throws SQLException {
                assert column == columns.size() : column + " values for " + columns;
                column = 0;
                ps.addBatch();
                if (++pending == BATCH) {
                    ps.executeBatch();
                    pending = 0;
                }
            }

            @Override
            public void close() throws SQLException {
                try {
                    if (pending > 0) {
                        ps.executeBatch();
                    }
                } finally {
                    ps.close();
                }
            }
        };
    }

    @Override
    protected void afterCommit() throws SQLException {
        execute("PRAGMA wal_checkpoint(TRUNCATE)");
    }

    @Override
    protected void restoreSession() throws SQLException {
        execute("PRAGMA foreign_keys = " + (previousForeignKeys != 0 ? "ON" : "OFF"));
        execute("PRAGMA cache_size = " + previousCacheSize);
        execute("PRAGMA threads = " + previousThreads);
    }
}
