package org.rapport.server.bulkimport;

import org.rapport.server.system.Text;

/** Turning data-set strings into profile text: readable names and the profile's length limits. */
final class SourceText {

    private SourceText() {
    }

    /** {@code Kam_Air} → {@code Kam Air}: DBpedia-style names with underscores for spaces, cleaned. */
    static String prettify(String raw) {
        return Text.clean(raw.replace('_', ' '));
    }

    /**
     * {@code s} cut to at most {@code max} code points, ending in an ellipsis when cut; the count of
     * cuts goes to {@code network}'s skipped map as {@code truncatedTexts}.
     */
    static String clamp(String s, int max, StagedNetwork network) {
        if (s.length() <= max || s.codePointCount(0, s.length()) <= max) {
            return s;
        }
        network.skip("truncatedTexts");
        int end = s.offsetByCodePoints(0, max - 1);
        return s.substring(0, end).stripTrailing() + "…";
    }

    /** True when the text holds characters a profile field may not (control characters). */
    static boolean hasControlCharacters(String s) {
        return Text.hasControlCharacters(s, false);
    }
}
