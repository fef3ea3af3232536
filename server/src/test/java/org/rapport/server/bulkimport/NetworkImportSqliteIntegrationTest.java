package org.rapport.server.bulkimport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.rapport.server.support.SqliteSpringTest;

@SqliteSpringTest
class NetworkImportSqliteIntegrationTest extends NetworkImportContract {

    static final List<String> TABLES = List.of("members", "member_positions", "member_education", "member_skills",
            "member_interests", "member_handles", "invitations", "connections", "notifications", "api_tokens", "groups",
            "group_members", "imports");

    @Override
    protected void assertReferencesResolve() {
        assertThat(jdbc.sql("PRAGMA foreign_key_check").query((rs, n) -> rs.getString(1) + " row " + rs.getLong(2)
                + " refers to a missing " + rs.getString(3)).list()).isEmpty();
    }

    @Override
    protected Map<String, Object> fingerprint() {
        Map<String, Object> f = new LinkedHashMap<>();
        for (String table : TABLES) {
            f.put(table, jdbc.sql("SELECT count(*) || '/' || COALESCE(max(rowid), 0) FROM " + table)
                    .query(String.class).single());
        }
        f.put("sequences", jdbc.sql("SELECT name || '=' || seq FROM sqlite_sequence ORDER BY name")
                .query(String.class).list());
        f.put("indexes", jdbc.sql("SELECT name || ': ' || COALESCE(sql, '') FROM sqlite_master "
                + "WHERE type = 'index' ORDER BY name").query(String.class).list());
        return f;
    }
}
