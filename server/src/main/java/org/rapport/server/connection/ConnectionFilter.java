package org.rapport.server.connection;

import java.util.Locale;
import java.util.Map;

import org.rapport.server.system.Text;

/** Optional filters of a connections list; blank means "any". Matching ignores case and accents. */
public record ConnectionFilter(String q, String location, String company, String school, String industry) {

    public ConnectionFilter {
        q = blankToNull(q);
        location = blankToNull(location);
        company = blankToNull(company);
        school = blankToNull(school);
        industry = blankToNull(industry);
    }

    public static ConnectionFilter none() {
        return new ConnectionFilter(null, null, null, null, null);
    }

    public boolean isEmpty() {
        return q == null && location == null && company == null && school == null && industry == null;
    }

    /**
     * Appends this filter's conditions on the member aliased {@code m} (name or headline, location,
     * industry, a past or present company, a school) to {@code sql}, each starting with AND, and
     * their parameters to {@code params}.
     */
    public void appendSql(StringBuilder sql, Map<String, Object> params) {
        if (q != null) {
            sql.append("""
                     AND (m.sort_first || ' ' || m.sort_last LIKE :q ESCAPE '\\'
                          OR m.sort_last LIKE :q ESCAPE '\\'
                          OR lower(m.headline) LIKE :qraw ESCAPE '\\')
                    """);
            params.put("q", Text.likeContains(Text.key(q)));
            params.put("qraw", Text.likeContains(q.toLowerCase(Locale.ROOT)));
        }
        if (location != null) {
            sql.append(" AND lower(m.location) LIKE lower(:location) ESCAPE '\\'");
            params.put("location", Text.likeContains(location));
        }
        if (industry != null) {
            sql.append(" AND lower(m.industry) LIKE lower(:industry) ESCAPE '\\'");
            params.put("industry", Text.likeContains(industry));
        }
        if (company != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM member_positions p WHERE p.member_id = m.id"
                    + " AND p.company_key LIKE :company ESCAPE '\\')");
            params.put("company", Text.likeContains(Text.key(company)));
        }
        if (school != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM member_education e WHERE e.member_id = m.id"
                    + " AND e.school_key LIKE :school ESCAPE '\\')");
            params.put("school", Text.likeContains(Text.key(school)));
        }
    }

    private static String blankToNull(String s) {
        if (s == null) {
            return null;
        }
        String c = Text.clean(Text.withoutControlCharacters(s));
        if (c.isEmpty()) {
            return null;
        }
        return c.length() > 200 ? c.substring(0, 200) : c;
    }
}
