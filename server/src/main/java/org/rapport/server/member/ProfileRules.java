package org.rapport.server.member;

import java.time.Clock;
import java.time.Year;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.rapport.server.system.Text;
import org.rapport.server.system.ValidationException.Errors;

/**
 * The limits on profile fields and the cleaning applied before they are stored. Limits follow
 * what members know from LinkedIn (headline 220, about 2,600 characters). Field names in error
 * messages are the API's ({@code positions[1].company}).
 */
public final class ProfileRules {

    public static final int NAME_MAX = 60;
    public static final int HEADLINE_MAX = 220;
    public static final int LOCATION_MAX = 100;
    public static final int INDUSTRY_MAX = 100;
    public static final int ABOUT_MAX = 2600;
    public static final int COMPANY_MAX = 100;
    public static final int TITLE_MAX = 100;
    public static final int SCHOOL_MAX = 120;
    public static final int DEGREE_MAX = 100;
    public static final int POSITIONS_MAX = 30;
    public static final int EDUCATION_MAX = 20;
    public static final int SKILLS_MAX = 50;
    public static final int INTERESTS_MAX = 50;
    public static final int TAG_MAX = 80;
    public static final int HANDLES_MAX = 10;
    public static final int HANDLE_MAX = 100;
    private static final int YEAR_MIN = 1900;

    private static final Pattern NETWORK = Pattern.compile("[a-z][a-z0-9_-]{0,29}");

    private final Clock clock;

    public ProfileRules(Clock clock) {
        this.clock = clock;
    }

    public String firstName(String raw, Errors errors) {
        String s = line(raw, "firstName", "First name", NAME_MAX, errors);
        if (s != null && s.isEmpty() && !errors.has("firstName")) {
            errors.add("firstName", "First name is required.");
        }
        return s;
    }

    public String lastName(String raw, Errors errors) {
        return line(raw, "lastName", "Last name", NAME_MAX, errors);
    }

    /**
     * Cleans a one-line text field: trimmed, inner whitespace collapsed; too long or holding control
     * characters, bidirectional overrides or lone surrogates is an error. Null stays null (a PATCH that leaves the field alone).
     */
    public static String line(String raw, String field, String label, int max, Errors errors) {
        if (raw == null) {
            return null;
        }
        String s = Text.clean(raw);
        if (Text.hasControlCharacters(raw.replace('\n', ' ').replace('\r', ' ').replace('\t', ' '), false)) {
            errors.add(field, label + " cannot contain control characters.");
        } else if (Text.hasDirectionControls(raw)) {
            errors.add(field, label + " cannot contain direction overrides or broken characters.");
        } else if (Text.length(s) > max) {
            errors.add(field, label + " can be at most " + max + " characters (it has " + Text.length(s) + ").");
        }
        return s;
    }

    public static String multiline(String raw, String field, String label, int max, Errors errors) {
        if (raw == null) {
            return null;
        }
        String s = Text.cleanMultiline(raw);
        if (Text.hasControlCharacters(s, true)) {
            errors.add(field, label + " cannot contain control characters.");
        } else if (Text.length(s) > max) {
            errors.add(field, label + " can be at most " + max + " characters (it has " + Text.length(s) + ").");
        }
        return s;
    }

    public List<Position> positions(List<Position> raw, Errors errors) {
        if (raw == null) {
            return null;
        }
        if (raw.size() > POSITIONS_MAX) {
            errors.add("positions", "A profile can list at most " + POSITIONS_MAX + " positions.");
            return List.of();
        }
        List<Position> out = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            Position p = raw.get(i);
            String f = "positions[" + i + "]";
            if (p == null) {
                errors.add(f, "A position cannot be empty.");
                continue;
            }
            String company = line(p.company(), f + ".company", "Company", COMPANY_MAX, errors);
            if (company == null || company.isEmpty()) {
                errors.add(f + ".company", "Company is required for each position.");
            }
            String title = line(p.title(), f + ".title", "Title", TITLE_MAX, errors);
            years(p.from(), p.to(), f, errors);
            out.add(new Position(company, title == null ? "" : title, p.from(), p.to()));
        }
        return out;
    }

    public List<Education> education(List<Education> raw, Errors errors) {
        if (raw == null) {
            return null;
        }
        if (raw.size() > EDUCATION_MAX) {
            errors.add("education", "A profile can list at most " + EDUCATION_MAX + " schools.");
            return List.of();
        }
        List<Education> out = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            Education e = raw.get(i);
            String f = "education[" + i + "]";
            if (e == null) {
                errors.add(f, "An education entry cannot be empty.");
                continue;
            }
            String school = line(e.school(), f + ".school", "School", SCHOOL_MAX, errors);
            if (school == null || school.isEmpty()) {
                errors.add(f + ".school", "School is required for each education entry.");
            }
            String degree = line(e.degree(), f + ".degree", "Degree", DEGREE_MAX, errors);
            years(e.from(), e.to(), f, errors);
            out.add(new Education(school, degree == null ? "" : degree, e.from(), e.to()));
        }
        return out;
    }

    private void years(Integer from, Integer to, String field, Errors errors) {
        int maxYear = Year.now(clock).getValue() + 10;
        if (from != null && (from < YEAR_MIN || from > maxYear)) {
            errors.add(field + ".from", "The start year must be between " + YEAR_MIN + " and " + maxYear + ".");
        }
        if (to != null && (to < YEAR_MIN || to > maxYear)) {
            errors.add(field + ".to", "The end year must be between " + YEAR_MIN + " and " + maxYear + ".");
        }
        if (from != null && to != null && to < from) {
            errors.add(field + ".to", "The end year cannot be before the start year.");
        }
    }

    /** Skills or interests: cleaned, empty entries dropped, duplicates (ignoring case and accents) removed. */
    public static List<String> tags(List<String> raw, String field, String label, int maxCount, Errors errors) {
        if (raw == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < raw.size(); i++) {
            String s = line(raw.get(i), field + "[" + i + "]", label, TAG_MAX, errors);
            if (s == null || s.isEmpty()) {
                continue;
            }
            if (seen.add(Text.key(s))) {
                out.add(s);
            }
        }
        if (out.size() > maxCount) {
            errors.add(field, "A profile can list at most " + maxCount + " " + field + ".");
        }
        return out;
    }

    public static Map<String, String> handles(Map<String, String> raw, Errors errors) {
        if (raw == null) {
            return null;
        }
        if (raw.size() > HANDLES_MAX) {
            errors.add("handles", "A profile can list at most " + HANDLES_MAX + " handles.");
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : raw.entrySet()) {
            String network = e.getKey() == null ? "" : e.getKey().strip().toLowerCase(java.util.Locale.ROOT);
            if (!NETWORK.matcher(network).matches()) {
                errors.add("handles", "\"" + e.getKey() + "\" is not a network name (letters, digits, - and _; up to 30).");
                continue;
            }
            String handle = line(e.getValue(), "handles." + network, "A handle", HANDLE_MAX, errors);
            if (handle != null && !handle.isEmpty()) {
                out.put(network, handle);
            }
        }
        return out;
    }
}
