package org.rapport.server.connection;

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
