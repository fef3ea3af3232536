package org.rapport.server.bulkimport;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an import wrote, what it left out and why, and how long it took. {@link #toJson()} is what
 * {@code rapport import} prints and the {@code imports} table keeps.
 *
 * @param firstMemberId the first of the consecutive ids the imported members got (null if none)
 * @param phaseSeconds how long each phase took (reading, writing each table, rebuilding indexes, committing)
 */
public record ImportSummary(long importId, ImportFormat format, String source, long members, long connections,
                            long positions, long education, long interests, long groups, long groupMemberships,
                            Map<String, Long> skipped, double seconds, Long firstMemberId, Long lastMemberId,
                            Map<String, Double> phaseSeconds) {

    public ImportSummary {
        skipped = Map.copyOf(skipped);
        phaseSeconds = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(phaseSeconds));
    }

    public Map<String, Object> toJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("members", members);
        out.put("connections", connections);
        out.put("positions", positions);
        out.put("education", education);
        out.put("interests", interests);
        out.put("groups", groups);
        out.put("groupMemberships", groupMemberships);
        out.put("skipped", new java.util.TreeMap<>(skipped));
        out.put("seconds", Math.round(seconds * 10) / 10.0);
        out.put("format", format.cliName());
        out.put("source", source);
        if (importId > 0) {
            out.put("importId", importId);
        }
        out.put("firstMemberId", firstMemberId);
        out.put("lastMemberId", lastMemberId);
        Map<String, Double> phases = new LinkedHashMap<>();
        phaseSeconds.forEach((phase, s) -> phases.put(phase, Math.round(s * 10) / 10.0));
        out.put("phaseSeconds", phases);
        return out;
    }

    /** One line for a log or a terminal. */
    public String oneLine() {
        return String.format(java.util.Locale.ROOT,
                "imported %,d members, %,d connections, %,d groups from %s in %.1f s", members, connections, groups,
                source, seconds);
    }
}
