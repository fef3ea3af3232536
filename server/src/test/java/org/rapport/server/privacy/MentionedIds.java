package org.rapport.server.privacy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * Finds where a JSON document mentions any of some member ids, however it spells them: a whole
 * number, a run of digits inside a string or a property name (ids as strings, ids in URLs and
 * sentences), or a part of an opaque cursor (URL-safe base64 of parts joined by a unit separator,
 * which can carry the key of a row the page left out). Over-eager on purpose: a digit run that
 * happens to equal an id is reported too, so the ids searched for must not be small numbers that
 * counts, years or limits could take (the matrix keeps member ids above 100,000 for that).
 */
final class MentionedIds {

    private static final Pattern DIGITS = Pattern.compile("\\d+");
    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]{8,}");
    private static final char CURSOR_SEPARATOR = '\u001f';

    private MentionedIds() {
    }

    /**
     * Each place in {@code root} that mentions one of {@code ids}, as "json/pointer = value";
     * empty when none does. Properties named in {@code skipped} are not read (for example a
     * problem's {@code instance}, which only echoes the path the caller sent).
     */
    static List<String> find(JsonNode root, Set<Long> ids, Set<String> skipped) {
        List<String> found = new ArrayList<>();
        if (root != null && !ids.isEmpty()) {
            walk(root, "", ids, skipped, found);
        }
        return found;
    }

    private static void walk(JsonNode node, String at, Set<Long> ids, Set<String> skipped, List<String> found) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                if (skipped.contains(e.getKey())) {
                    continue;
                }
                String child = at + "/" + e.getKey();
                text(e.getKey(), child + " (property name)", ids, found);
                walk(e.getValue(), child, ids, skipped, found);
            }
        } else if (node.isArray()) {
            int i = 0;
            for (JsonNode item : node.values()) {
                walk(item, at + "/" + i++, ids, skipped, found);
            }
        } else if (node.isNumber()) {
            BigDecimal value = node.decimalValue();
            try {
                long whole = value.longValueExact();
                if (ids.contains(whole)) {
                    found.add(at + " = " + node);
                }
            } catch (ArithmeticException notWhole) {
                // a fraction is no id
            }
        } else if (node.isString()) {
            text(node.asString(), at, ids, found);
        }
    }

    private static void text(String s, String at, Set<Long> ids, List<String> found) {
        Matcher digits = DIGITS.matcher(s);
        while (digits.find()) {
            String run = digits.group();
            if (run.length() <= 18 && ids.contains(Long.parseLong(run))) {
                found.add(at + " = \"" + s + "\"");
                return;
            }
        }
        if (BASE64URL.matcher(s).matches()) {
            String decoded;
            try {
                decoded = new String(Base64.getUrlDecoder().decode(s), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException notBase64) {
                return;
            }
            if (decoded.indexOf(CURSOR_SEPARATOR) >= 0) {
                text(decoded.replace(CURSOR_SEPARATOR, ' '), at + " (decoded cursor)", ids, found);
            }
        }
    }
}
