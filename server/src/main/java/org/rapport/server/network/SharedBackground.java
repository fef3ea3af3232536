package org.rapport.server.network;

import java.util.Collection;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** What two members have in common besides connections (C3): groups, schools, companies and interests. */
@Repository
public class SharedBackground {

    /** Names as the second member wrote them. */
    public record Shared(List<String> groups, List<String> schools, List<String> companies, List<String> interests) {
        public Shared(List<String> schools, List<String> companies, List<String> interests) {
            this(List.of(), schools, companies, interests);
        }

        public boolean isEmpty() {
            return groups.isEmpty() && schools.isEmpty() && companies.isEmpty() && interests.isEmpty();
        }

        /** No group, school or company in common (interests do not count as a place). */
        public boolean isEmptyOfPlaces() {
            return groups.isEmpty() && schools.isEmpty() && companies.isEmpty();
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
                groups(a, b),
                shared("member_education", "school", "school_key", a, b),
                shared("member_positions", "company", "company_key", a, b),
                shared("member_interests", "name", "name_key", a, b));
    }

    /** Names of the groups both belong to (members of a group know its name, listed or not), by name. */
    public List<String> groups(long a, long b) {
        if (a == b) {
            return List.of();
        }
        return jdbc.sql("""
                        SELECT g.name FROM group_members x JOIN group_members y ON y.group_id = x.group_id
                        JOIN groups g ON g.id = x.group_id
                        WHERE x.member_id = :a AND y.member_id = :b ORDER BY lower(g.name), g.id LIMIT 20""")
                .param("a", a).param("b", b).query(String.class).list();
    }

    /** Whether the two members belong to a common group: one probe of the primary key per group of {@code a}. */
    public boolean shareAGroup(long a, long b) {
        if (a == b) {
            return false;
        }
        return jdbc.sql("""
                        SELECT count(*) FROM (SELECT 1 FROM group_members x JOIN group_members y
                                              ON y.group_id = x.group_id AND y.member_id = :b
                                              WHERE x.member_id = :a LIMIT 1) t""")
                .param("a", a).param("b", b).query(Long.class).single() > 0;
    }

    /** Which of {@code others} belong to a group with {@code member}: one query for a whole list. */
    public java.util.Set<Long> inAGroupWith(long member, Collection<Long> others) {
        if (others.isEmpty()) {
            return java.util.Set.of();
        }
        return new java.util.HashSet<>(jdbc.sql("""
                        SELECT DISTINCT y.member_id FROM group_members x JOIN group_members y ON y.group_id = x.group_id
                        WHERE x.member_id = :m AND y.member_id IN (:others) AND y.member_id <> :m""")
                .param("m", member).param("others", others).query(Long.class).list());
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
