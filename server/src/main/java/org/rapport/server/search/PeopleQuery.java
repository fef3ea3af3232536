package org.rapport.server.search;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.rapport.server.network.Degree;
import org.rapport.server.system.Text;
import org.rapport.server.system.ValidationException;

/**
 * A people search (D1): words to find, and filters. {@code degrees} empty means any degree; THIRD
 * stands for "3rd+" and also admits members out of the network. Blank values mean "any".
 */
public record PeopleQuery(String q, Set<Degree> degrees, String location, String currentCompany,
                          String pastCompany, String school, String industry) {

    static final int MAX_LENGTH = 200;

    public PeopleQuery {
        q = clean(q);
        degrees = degrees == null || degrees.isEmpty() ? Set.of() : Set.copyOf(degrees);
        location = clean(location);
        currentCompany = clean(currentCompany);
        pastCompany = clean(pastCompany);
        school = clean(school);
        industry = clean(industry);
    }

    /**
     * Reads request parameters: {@code degree} is 1, 2 or 3 (3rd+), repeated or comma-separated.
     * A query needs words or at least one filter: there is no "everyone" search.
     */
    public static PeopleQuery of(String q, List<String> degree, String location, String currentCompany,
                                 String pastCompany, String school, String industry) {
        ValidationException.Errors errors = new ValidationException.Errors();
        Set<Degree> degrees = EnumSet.noneOf(Degree.class);
        if (degree != null) {
            for (String raw : degree) {
                for (String part : raw.split(",")) {
                    String p = part.strip().toLowerCase(Locale.ROOT);
                    switch (p) {
                        case "" -> { }
                        case "1", "1st", "first" -> degrees.add(Degree.FIRST);
                        case "2", "2nd", "second" -> degrees.add(Degree.SECOND);
                        case "3", "3rd", "3rd+", "third" -> degrees.add(Degree.THIRD);
                        default -> errors.add("degree", "degree must be 1, 2 or 3 (3rd and beyond).");
                    }
                }
            }
        }
        errors.throwIfAny();
        PeopleQuery query = new PeopleQuery(q, degrees, location, currentCompany, pastCompany, school, industry);
        query.requireSomethingToFind();
        return query;
    }

    /** The refusal of a query that would match everyone. */
    static final String NOTHING_TO_FIND = "Type a name, a skill, a company or a school, or choose a filter.";

    /**
     * Nothing that narrows the search: no word the index can match (so {@code *}, {@code *:*},
     * {@code /.*}{@code /} and any other Lucene syntax, which words are never parsed as, count as no
     * words) and no location, company, school or industry. A degree alone does not narrow it: it
     * would walk the viewer's whole network page by page (issue 15), so it is refused like an empty
     * query.
     */
    public boolean isEmpty() {
        return !hasWords() && location == null && currentCompany == null && pastCompany == null
                && school == null && industry == null;
    }

    /** Whether {@code q} has a word the index could match. */
    boolean hasWords() {
        return q != null && !PeopleIndex.tokens(PeopleIndex.NAME, q).isEmpty();
    }

    /** 400 ({@link ValidationException} on {@code q}) for a query that would match everyone. */
    void requireSomethingToFind() {
        if (isEmpty()) {
            throw new ValidationException("q", NOTHING_TO_FIND);
        }
    }

    /** A filter on what a member may keep to their network (companies, schools). */
    boolean filtersPrivateFields() {
        return currentCompany != null || pastCompany != null || school != null;
    }

    /** Whether a member of this degree passes the degree filter. */
    boolean admits(Degree degree) {
        if (degrees.isEmpty()) {
            return true;
        }
        return degrees.contains(degree == Degree.OUT_OF_NETWORK ? Degree.THIRD : degree);
    }

    /** This query with one filter changed: what a facet link asks for. */
    public PeopleQuery with(String facet, String value) {
        return switch (facet) {
            case "location" -> new PeopleQuery(q, degrees, value, currentCompany, pastCompany, school, industry);
            case "currentCompany" -> new PeopleQuery(q, degrees, location, value, pastCompany, school, industry);
            case "pastCompany" -> new PeopleQuery(q, degrees, location, currentCompany, value, school, industry);
            case "school" -> new PeopleQuery(q, degrees, location, currentCompany, pastCompany, value, industry);
            case "industry" -> new PeopleQuery(q, degrees, location, currentCompany, pastCompany, school, value);
            case "degree" -> new PeopleQuery(q, value == null ? Set.of() : Set.of(degreeOf(value)), location,
                    currentCompany, pastCompany, school, industry);
            default -> throw new IllegalArgumentException("no facet " + facet);
        };
    }

    /** The degree filter as a parameter value: "1,2" (empty when any). */
    public String degreeParam() {
        StringBuilder sb = new StringBuilder();
        for (Degree d : List.of(Degree.FIRST, Degree.SECOND, Degree.THIRD)) {
            if (degrees.contains(d)) {
                sb.append(sb.isEmpty() ? "" : ",").append(d.ordinal());
            }
        }
        return sb.toString();
    }

    static Degree degreeOf(String value) {
        return switch (value) {
            case "1" -> Degree.FIRST;
            case "2" -> Degree.SECOND;
            default -> Degree.THIRD;
        };
    }

    private static String clean(String s) {
        if (s == null) {
            return null;
        }
        String c = Text.clean(Text.withoutControlCharacters(s));
        if (c.isEmpty()) {
            return null;
        }
        return c.length() > MAX_LENGTH ? c.substring(0, MAX_LENGTH) : c;
    }
}
