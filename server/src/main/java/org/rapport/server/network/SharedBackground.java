package org.rapport.server.network;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** What two members have in common besides connections (C3): schools, companies and interests. */
@Repository
public class SharedBackground {

    /** Names as the second member wrote them. */
    public record Shared(List<String> schools, List<String> companies, List<String> interests) {
        public boolean isEmpty() {
            return schools.isEmpty() && companies.isEmpty() && interests.isEmpty();
        }

        /** No school or company in common (interests do not count as a place). */
        public boolean isEmptyOfPlaces() {
            return schools.isEmpty() && companies.isEmpty();
        }
    }

    private final JdbcClient jdbc;

    public SharedBackground(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Shared between(long a, long b) {
        if (a == b) {
            return new Shared(List.of(), List.of(), List.of());
        }
        return new Shared(
                shared("member_education", "school", "school_key", a, b),
                shared("member_positions", "company", "company_key", a, b),
                shared("member_interests", "name", "name_key", a, b));
    }

    private List<String> shared(String table, String column, String key, long a, long b) {
        return jdbc.sql("SELECT DISTINCT y." + column + " AS label, y." + key + " AS k FROM " + table + " y"
                        + " WHERE y.member_id = :b AND EXISTS (SELECT 1 FROM " + table + " x"
                        + " WHERE x.member_id = :a AND x." + key + " = y." + key + ") ORDER BY k")
                .param("a", a).param("b", b)
                .query((rs, n) -> rs.getString(1))
                .list();
    }
}
