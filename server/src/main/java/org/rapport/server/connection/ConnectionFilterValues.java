package org.rapport.server.connection;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the filter boxes of my own connections page suggest as I type (issue 18, like the search
 * page's): the most common locations, companies, schools and industries among my connections,
 * whose profiles I see in full. Never offered on someone else's list.
 */
@Component
class ConnectionFilterValues {

    static final int LIMIT = 50;

    private static final String MINE = """
            (SELECT member_hi AS other FROM connections WHERE member_lo = :me
             UNION ALL SELECT member_lo AS other FROM connections WHERE member_hi = :me) c""";

    private final JdbcClient jdbc;

    ConnectionFilterValues(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** By filter name (location, company, school, industry): values, most common first. */
    Map<String, List<String>> of(long me) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        out.put("location", values("SELECT m.location, count(*) FROM " + MINE + " JOIN members m ON m.id = c.other"
                + " WHERE m.location <> '' GROUP BY m.location ORDER BY count(*) DESC, m.location LIMIT :limit", me));
        out.put("company", values("SELECT min(p.company), count(DISTINCT c.other) FROM " + MINE
                + " JOIN member_positions p ON p.member_id = c.other GROUP BY p.company_key"
                + " ORDER BY count(DISTINCT c.other) DESC, min(p.company) LIMIT :limit", me));
        out.put("school", values("SELECT min(e.school), count(DISTINCT c.other) FROM " + MINE
                + " JOIN member_education e ON e.member_id = c.other GROUP BY e.school_key"
                + " ORDER BY count(DISTINCT c.other) DESC, min(e.school) LIMIT :limit", me));
        out.put("industry", values("SELECT m.industry, count(*) FROM " + MINE + " JOIN members m ON m.id = c.other"
                + " WHERE m.industry <> '' GROUP BY m.industry ORDER BY count(*) DESC, m.industry LIMIT :limit", me));
        return out;
    }

    private List<String> values(String sql, long me) {
        return jdbc.sql(sql).param("me", me).param("limit", LIMIT).query((rs, n) -> rs.getString(1)).list();
    }
}
