package org.rapport.server.bulkimport;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Bulk loading on PostgreSQL: one transaction; rows stream in through {@code COPY ... FROM STDIN}
 * in text format, written straight into a byte buffer (no per-row objects). Members and groups are
 * locked against other writers ({@code SHARE ROW EXCLUSIVE}: readers go on) for the whole import,
 * so no sign-up can take an id the import is using. For large loads the foreign keys of a table are
 * dropped and re-added afterwards ({@code ADD CONSTRAINT} checks every row in one join instead of
 * one trigger call per row), as the PostgreSQL manual advises for populating a database.
 */
final class PostgresBulkLoader extends BulkLoader {

    private static final int FLUSH_BYTES = 1 << 18;
    private static final byte[] NULL = {'\\', 'N'};

    PostgresBulkLoader(Connection connection) {
        super(connection);
    }

    @Override
    protected void prepareSession() {
    }

    @Override
    protected void lockTables() throws SQLException {
        execute("SET LOCAL maintenance_work_mem = '512MB'");
        execute("LOCK TABLE members, groups IN SHARE ROW EXCLUSIVE MODE");
    }

    private String sequence(String table) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_get_serial_sequence(?, 'id')")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || rs.getString(1) == null) {
                    throw new SQLException("table " + table + " has no id sequence");
                }
                return rs.getString(1);
            }
        }
    }

    @Override
    long lastId(String table) throws SQLException {
        return queryLong("SELECT GREATEST((SELECT COALESCE(max(id), 0) FROM " + table + "), "
                + "(SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM " + sequence(table) + "))");
    }

    @Override
    void reserveIds(String table, long last) throws SQLException {
        String seq = sequence(table);
        long current = queryLong("SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM " + seq);
        if (last > current) {
            // setval is not undone by a rollback; it runs just before the commit, and a gap is harmless.
            queryLong("SELECT setval(CAST(? AS regclass), ?, true)", seq, last);
        }
    }

    @Override
    long estimatedRows(String table) throws SQLException {
        long estimate = queryLong("SELECT CAST(reltuples AS BIGINT) FROM pg_class WHERE oid = CAST(? AS regclass)",
                table);
        return estimate >= 0 ? estimate : queryLong("SELECT count(*) FROM " + table);
    }

    @Override
    List<String> dropForLoad(String table) throws SQLException {
        List<String[]> drops = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("""
                SELECT 'ALTER TABLE ' || CAST(conrelid AS regclass) || ' DROP CONSTRAINT ' || quote_ident(conname),
                       'ALTER TABLE ' || CAST(conrelid AS regclass) || ' ADD CONSTRAINT ' || quote_ident(conname)
                           || ' ' || pg_get_constraintdef(oid)
                FROM pg_constraint WHERE conrelid = CAST(? AS regclass) AND contype = 'f'
                UNION ALL
                SELECT 'DROP INDEX ' || CAST(x.indexrelid AS regclass), pg_get_indexdef(x.indexrelid)
                FROM pg_index x
                WHERE x.indrelid = CAST(? AS regclass) AND NOT x.indisprimary
                  AND NOT EXISTS (SELECT 1 FROM pg_constraint c
                                  WHERE c.conindid = x.indexrelid AND c.conrelid = x.indrelid)""")) {
            ps.setString(1, table);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    drops.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
        }
        List<String> restore = new ArrayList<>();
        for (String[] d : drops) {
            execute(d[0]);
            restore.add(d[1]);
        }
        // Indexes first: a foreign key added afterwards validates against finished indexes.
        restore.sort((a, b) -> Boolean.compare(a.startsWith("ALTER"), b.startsWith("ALTER")));
        return restore;
    }

    @Override
    RowSink rows(String table, List<String> columns, Map<String, String> constants) throws SQLException {
        List<String> all = new ArrayList<>(columns);
        all.addAll(constants.keySet());
        byte[][] constantValues = constants.values().stream().map(PostgresBulkLoader::escape).toArray(byte[][]::new);
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY " + table + " (" + String.join(", ", all) + ") FROM STDIN");
        return new RowSink() {
            private byte[] buf = new byte[FLUSH_BYTES + 4096];
            private int len;
            private int column;
            private boolean finished;

            private void separator() {
                if (column++ > 0) {
                    put((byte) '\t');
                }
            }

            private void put(byte b) {
                if (len == buf.length) {
                    buf = Arrays.copyOf(buf, buf.length * 2);
                }
                buf[len++] = b;
            }

            private void put(byte[] bytes) {
                if (len + bytes.length > buf.length) {
                    buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + bytes.length));
                }
                System.arraycopy(bytes, 0, buf, len, bytes.length);
                len += bytes.length;
            }

            @Override
            public RowSink add(long value) {
                separator();
                if (value < 0) {
                    put((byte) '-');
                    if (value == Long.MIN_VALUE) {
                        put("9223372036854775808".getBytes(StandardCharsets.US_ASCII));
                        return this;
                    }
                    value = -value;
                }
                if (len + 20 > buf.length) {
                    buf = Arrays.copyOf(buf, buf.length * 2);
                }
                int start = len;
                do {
                    buf[len++] = (byte) ('0' + value % 10);
                    value /= 10;
                } while (value != 0);
                for (int i = start, j = len - 1; i < j; i++, j--) {
                    byte t = buf[i];
                    buf[i] = buf[j];
                    buf[j] = t;
                }
                return this;
            }

            @Override
            public RowSink add(String value) {
                separator();
                put(value == null ? NULL : escape(value));
                return this;
            }

            @Override
            public void endRow() throws SQLException {
                assert column == columns.size() : column + " values for " + columns;
                for (byte[] c : constantValues) {
                    separator();
                    put(c);
                }
                put((byte) '\n');
                column = 0;
                if (len >= FLUSH_BYTES) {
                    flush();
                }
            }

            private void flush() throws SQLException {
                if (len > 0) {
                    copy.writeToCopy(buf, 0, len);
                    len = 0;
                }
            }

            @Override
            public void close() throws SQLException {
                if (finished) {
                    return;
                }
                finished = true;
                try {
                    flush();
                    copy.endCopy();
                } catch (SQLException | RuntimeException e) {
                    if (copy.isActive()) {
                        copy.cancelCopy();
                    }
                    throw e;
                }
            }
        };
    }

    /** A value in COPY's text format: UTF-8 with backslash, tab, newline and carriage return escaped. */
    static byte[] escape(String value) {
        byte[] raw = value.getBytes(StandardCharsets.UTF_8);
        int extra = 0;
        for (byte b : raw) {
            if (b == '\\' || b == '\t' || b == '\n' || b == '\r') {
                extra++;
            }
        }
        if (extra == 0) {
            return raw;
        }
        byte[] out = new byte[raw.length + extra];
        int j = 0;
        for (byte b : raw) {
            switch (b) {
                case '\\' -> { out[j++] = '\\'; out[j++] = '\\'; }
                case '\t' -> { out[j++] = '\\'; out[j++] = 't'; }
                case '\n' -> { out[j++] = '\\'; out[j++] = 'n'; }
                case '\r' -> { out[j++] = '\\'; out[j++] = 'r'; }
                default -> out[j++] = b;
            }
        }
        return out;
    }

    @Override
    protected void restoreSession() {
        // SET LOCAL ended with the transaction.
    }

    /**
     * Gathers planner statistics for the tables an import fills. Without them the planner guesses
     * from an empty table's defaults: on a 10M-member import, People You May Know's privacy query
     * became a parallel scan of every member (3.6 s a request) until ANALYZE ran (0.1 s).
     * Autovacuum would get there eventually; the first minutes of a freshly imported network
     * should not depend on it. ANALYZE samples, so it takes seconds even at 300M rows.
     */
    @Override
    protected void afterCommit() throws SQLException {
        try (java.sql.Statement s = connection.createStatement()) {
            for (String table : new String[] {"members", "member_positions", "member_education", "member_interests",
                    "connections", "groups", "group_members"}) {
                s.execute("ANALYZE " + table);
            }
        }
    }
}
