-- Never holds a row. On SQLite every read-write transaction begins with
-- DELETE FROM write_lock WHERE 0, a write that changes nothing but takes the database's write lock
-- inside the transaction (SqliteTransactionManager, issue 14). Unused on PostgreSQL.
CREATE TABLE write_lock (
    id BIGINT PRIMARY KEY
);
