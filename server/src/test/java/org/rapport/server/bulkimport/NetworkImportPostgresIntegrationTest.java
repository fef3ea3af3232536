package org.rapport.server.bulkimport;

import java.util.LinkedHashMap;
import java.util.Map;

import org.rapport.server.support.PostgresSpringTest;

@PostgresSpringTest
class NetworkImportPostgresIntegrationTest extends NetworkImportContract {

    /** Foreign keys stay enforced on PostgreSQL: those dropped for a load are validated when re-added. */
    @Override
    protected void assertReferencesResolve() {
    }

    @Override
    protected Map<String, Object> fingerprint() {
        Map<String, Object> f = new LinkedHashMap<>();
        for (String table : NetworkImportSqliteIntegrationTest.TABLES) {
            f.put(table, jdbc.sql("SELECT count(*) FROM " + table)
                    .query(Long.class).single());
        }
        f.put("sequences", jdbc.sql("SELECT sequencename || '=' || COALESCE(last_value, 0) FROM pg_sequences "
                + "WHERE schemaname = current_schema() ORDER BY sequencename").query(String.class).list());
        f.put("indexes", jdbc.sql("SELECT indexname || ': ' || indexdef FROM pg_indexes "
                + "WHERE schemaname = current_schema() ORDER BY indexname").query(String.class).list());
        f.put("constraints", jdbc.sql("""
                SELECT conrelid::regclass || '.' || conname || ': ' || pg_get_constraintdef(oid) FROM pg_constraint
                WHERE connamespace = CAST(current_schema() AS regnamespace) ORDER BY 1""").query(String.class).list());
        return f;
    }
}
