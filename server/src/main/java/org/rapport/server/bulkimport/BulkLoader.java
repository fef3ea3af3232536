package org.rapport.server.bulkimport;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.rapport.server.system.Database;

/**
 * One import's connection to the database: a single transaction in which rows are streamed into
 * tables as fast as the database allows, and which leaves nothing behind unless it commits.
 * {@link SqliteBulkLoader} uses batched prepared inserts; {@link PostgresBulkLoader} uses
 * {@code COPY ... FROM STDIN}. Both can drop a table's secondary indexes (and on PostgreSQL its
 * foreign keys) for the load and rebuild them afterwards from the definitions the database itself
 * reports, inside the same transaction, so a failed import restores them too.
 *
 * <p>Ids are given by the import, not generated per row: {@link #lastId} reads the highest id the
 * table has ever handed out and {@link #reserveIds} moves the generator past the imported ones.
 */
abstract class BulkLoader implements AutoCloseable {

    /** Receives rows for one table, column values in the order given to {@link #rows}. */
    interface RowSink extends AutoCloseable {
        RowSink add(long value) throws SQLException;

        /** A text value; null writes NULL. */
        RowSink add(String value) throws SQLException;

        /** An integer value; null writes NULL. */
        default RowSink add(Integer value) throws SQLException {
            return value == null ? add((String) null) : add(value.longValue());
        }

        void endRow() throws SQLException;

        /** Writes what is buffered; the sink cannot be used afterwards. */
        @Override
        void close() throws SQLException;
    }

    protected final Connection connection;
    private boolean begun;
    private boolean committed;
    private boolean closed;

    protected BulkLoader(Connection connection) {
        this.connection = connection;
    }

    static BulkLoader open(DataSource dataSource, Database database) throws SQLException {
        Connection c = dataSource.getConnection();
        return database.isSqlite() ? new SqliteBulkLoader(c) : new PostgresBulkLoader(c);
    }

    /** Starts the transaction and takes what locks keep other writers out until it ends. */
    final void begin() throws SQLException {
        prepareSession();
        connection.setAutoCommit(false);
        begun = true;
        lockTables();
    }

    /** Session settings for the load, made before the transaction starts. */
    protected abstract void prepareSession() throws SQLException;

    /** Inside the transaction: keep other writers out of the tables the import writes. */
    protected abstract void lockTables() throws SQLException;

    /** The highest id {@code table} has handed out so far (0 if none): imported rows take the ids after it. */
    abstract long lastId(String table) throws SQLException;

    /** Makes the table's id generator continue after {@code last} once this transaction commits. */
    abstract void reserveIds(String table, long last) throws SQLException;

    /** About how many rows {@code table} holds (cheap, not exact). */
    abstract long estimatedRows(String table) throws SQLException;

    /**
     * A sink for rows of {@code table}: the given columns in order, and {@code constants} (column →
     * text value) set alike on every row.
     */
    abstract RowSink rows(String table, List<String> columns, Map<String, String> constants) throws SQLException;

    /**
     * Drops what makes loading {@code table} slow besides its primary key (secondary indexes; on
     * PostgreSQL also its foreign keys, which check row by row) and returns the statements that
     * put them back.
     */
    abstract List<String> dropForLoad(String table) throws SQLException;

    void execute(String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }

    long queryLong(String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    Connection connection() {
        return connection;
    }

    void commit() throws SQLException {
        connection.commit();
        committed = true;
    }

    /** Housekeeping once the data is committed, outside any transaction (SQLite: shrink the write-ahead log). */
    protected void afterCommit() throws SQLException {
    }

    /** Undoes session settings made for the load, so the pooled connection goes back as it came. */
    protected abstract void restoreSession() throws SQLException;

    /** Rolls back unless committed, restores the session and returns the connection; a second call does nothing. */
    @Override
    public void close() throws SQLException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (begun && !committed) {
                connection.rollback();
            }
        } finally {
            try {
                connection.setAutoCommit(true);
                if (committed) {
                    afterCommit();
                }
                restoreSession();
            } finally {
                connection.close();
            }
        }
    }
}
