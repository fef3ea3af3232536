package org.rapport.server.search;

import java.util.List;
import java.util.Map;

import org.rapport.server.network.Degree;
import org.rapport.server.system.Page;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * What the search page shows: the query as typed, the results (null before a search), an error
 * to show instead, and the links the page needs, built here so that every value is URL-encoded.
 */
public record SearchView(PeopleQuery query, PeopleSearchService.Results results, String error, String cursor) {

    /** The dimensions offered as facet lists, with their headings. */
    public static final List<Map.Entry<String, String>> FACETS = List.of(
            Map.entry("degree", "Connections"), Map.entry("location", "Location"),
            Map.entry("currentCompany", "Current company"), Map.entry("pastCompany", "Past company"),
            Map.entry("school", "School"), Map.entry("industry", "Industry"));

    public String q() {
        return query == null || query.q() == null ? "" : query.q();
    }

    public String value(String facet) {
        if (query == null) {
            return "";
        }
        String v = switch (facet) {
            case "location" -> query.location();
            case "currentCompany" -> query.currentCompany();
            case "pastCompany" -> query.pastCompany();
            case "school" -> query.school();
            case "industry" -> query.industry();
            case "degree" -> query.degreeParam();
            default -> null;
        };
        return v == null ? "" : v;
    }

    public boolean searched() {
        return results != null;
    }

    public Page<org.rapport.server.network.MemberCard> page() {
        return results.page();
    }

    public List<PeopleSearchService.FacetValue> facet(String name) {
        return results == null ? List.of() : results.facets().getOrDefault(name, List.of());
    }

    /** The filters in force, for "remove" chips: facet, label. */
    public List<Map.Entry<String, String>> active() {
        return FACETS.stream().filter(f -> !value(f.getKey()).isEmpty())
                .map(f -> Map.entry(f.getKey(), label(f.getKey(), value(f.getKey())))).toList();
    }

    /** How a facet value reads: degrees as badges ("1st", "2nd", "3rd+"), the rest as they are. */
    public static String label(String facet, String value) {
        if (!facet.equals("degree")) {
            return value;
        }
        StringBuilder sb = new StringBuilder();
        for (String d : value.split(",")) {
            sb.append(sb.isEmpty() ? "" : ", ").append(switch (d) {
                case "1" -> "1st";
                case "2" -> "2nd";
                default -> "3rd+";
            });
        }
        return sb.toString();
    }

    public String with(String facet, String value) {
        return link(query.with(facet, value), null);
    }

    public String without(String facet) {
        return link(query.with(facet, null), null);
    }

    public String next() {
        return link(query, results.page().nextCursor());
    }

    public String firstPage() {
        return link(query, null);
    }

    public boolean selected(String facet, String value) {
        return !value(facet).isEmpty() && org.rapport.server.system.Text.key(value(facet))
                .equals(org.rapport.server.system.Text.key(value));
    }

    static String link(PeopleQuery q, String cursor) {
        UriComponentsBuilder b = UriComponentsBuilder.fromPath("/search");
        add(b, "q", q.q());
        add(b, "degree", q.degreeParam().isEmpty() ? null : q.degreeParam());
        add(b, "location", q.location());
        add(b, "currentCompany", q.currentCompany());
        add(b, "pastCompany", q.pastCompany());
        add(b, "school", q.school());
        add(b, "industry", q.industry());
        add(b, "cursor", cursor);
        return b.encode().build().toUriString();
    }

    private static void add(UriComponentsBuilder b, String name, String value) {
        if (value != null) {
            b.queryParam(name, value);
        }
    }

    public static boolean canConnect(Degree degree) {
        return degree != Degree.FIRST && degree != Degree.SELF;
    }
}
