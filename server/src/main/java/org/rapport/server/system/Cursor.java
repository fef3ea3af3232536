package org.rapport.server.system;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Opaque keyset cursors: the sort key of the last item of a page, encoded as URL-safe base64 of
 * its parts joined by a unit separator and prefixed with a kind, so a cursor from one list is
 * refused by another. Clients must treat cursors as opaque; a tampered one is a 400, never a 500.
 */
public final class Cursor {

    private static final char SEP = '\u001f';

    private Cursor() {
    }

    public static String encode(String kind, Object... parts) {
        StringBuilder sb = new StringBuilder(kind);
        for (Object p : parts) {
            String s = String.valueOf(p);
            if (s.indexOf(SEP) >= 0) {
                throw new IllegalArgumentException("cursor part contains the separator");
            }
            sb.append(SEP).append(s);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The parts of a cursor of the given kind and arity; a {@link ValidationException} otherwise. */
    public static List<String> decode(String cursor, String kind, int arity) {
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        // Cursors this class writes never hold control characters besides the separator; a forged
        // one with NUL would reach PostgreSQL, which refuses NUL in text parameters.
        if (Text.hasControlCharacters(text.replace(SEP, ' '), false)) {
            throw invalid();
        }
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == SEP) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        if (parts.size() != arity + 1 || !parts.get(0).equals(kind)) {
            throw invalid();
        }
        return parts.subList(1, parts.size());
    }

    public static long parseLong(String part) {
        try {
            return Long.parseLong(part);
        } catch (NumberFormatException e) {
            throw invalid();
        }
    }

    private static ValidationException invalid() {
        return new ValidationException("cursor", "This cursor is not valid for this list; start again without it.");
    }
}
