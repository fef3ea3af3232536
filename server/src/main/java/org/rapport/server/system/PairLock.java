package org.rapport.server.system;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Serialises the transactions that decide what two members are to each other (an invitation, an
 * accept, a block) when they run at the same instant on different connections or nodes. On
 * PostgreSQL a transaction-scoped advisory lock on the pair: without it, an invitation that
 * checked "no block" could commit just after a block that cancelled "every live invitation",
 * leaving one across the block. SQLite needs none: it has one writer at a time, and a transaction
 * whose reads went stale before its first write fails and is retried.
 */
@Component
public class PairLock {

    private final JdbcClient jdbc;
    private final boolean postgres;

    public PairLock(JdbcClient jdbc, Database database) {
        this.jdbc = jdbc;
        this.postgres = !database.isSqlite();
    }

    /** Holds the pair's lock until the current transaction ends. Call inside a transaction. */
    public void lock(long a, long b) {
        if (postgres) {
            long key = Math.min(a, b) << 32 | (Math.max(a, b) & 0xffffffffL);
            jdbc.sql("SELECT pg_advisory_xact_lock(:key)").param("key", key).query(Object.class).single();
        }
    }
}
