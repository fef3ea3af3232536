package org.rapport.server.contacts;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** An import's stored report, in sentences for the page. */
public final class ImportReports {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ImportReports() {
    }

    /** "Line 5: no valid e-mail address", one per skipped row listed, and how many more were not listed. */
    public static List<String> skipped(String report) {
        List<String> out = new ArrayList<>();
        JsonNode root = parse(report);
        for (JsonNode s : root.path("skipped")) {
            out.add("Line " + s.path("line").asInt() + ": " + s.path("reason").asString(""));
        }
        long more = root.path("skippedNotListed").asLong(0);
        if (more > 0) {
            out.add("…and " + more + " more");
        }
        return out;
    }

    /** Why an import failed. */
    public static String error(String report) {
        return parse(report).path("error").asString("The file could not be read.");
    }

    public static long duplicates(String report) {
        return parse(report).path("duplicates").asLong(0);
    }

    private static JsonNode parse(String report) {
        try {
            return JSON.readTree(report == null || report.isBlank() ? "{}" : report);
        } catch (JacksonException e) {
            return JSON.createObjectNode();
        }
    }
}
