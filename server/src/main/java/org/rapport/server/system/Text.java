package org.rapport.server.system;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Text helpers shared by features: cleaning member input and deriving comparison keys.
 * Keys ({@link #key}) fold case and accents and collapse spaces, so "Zoë  Müller" and "zoe muller"
 * sort and match alike on SQLite and PostgreSQL (which disagree on {@code lower()} beyond ASCII).
 */
public final class Text {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private Text() {
    }

    /** Trimmed, spaces collapsed, NFC; null stays null. */
    public static String clean(String s) {
        if (s == null) {
            return null;
        }
        return SPACES.matcher(Normalizer.normalize(s, Normalizer.Form.NFC).strip()).replaceAll(" ");
    }

    /** Trimmed and NFC, line breaks kept and normalised to \n (for notes and longer text). */
    public static String cleanMultiline(String s) {
        if (s == null) {
            return null;
        }
        return Normalizer.normalize(s, Normalizer.Form.NFC).replace("\r\n", "\n").replace('\r', '\n').strip();
    }

    /** A comparison key: accents removed, lower case, single spaces. */
    public static String key(String s) {
        if (s == null) {
            return "";
        }
        String d = Normalizer.normalize(s, Normalizer.Form.NFKD);
        return SPACES.matcher(MARKS.matcher(d).replaceAll("").toLowerCase(Locale.ROOT).strip()).replaceAll(" ");
    }

    /**
     * True when the text holds a bidirectional embedding, override or isolate (U+202A–U+202E,
     * U+2066–U+2069), which make a name read differently from how it is stored ("evil\u202Egnp.exe"),
     * or a lone surrogate, which no UTF-8 can encode. Names and other one-line fields refuse them.
     */
    public static boolean hasDirectionControls(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069')) {
                return true;
            }
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /** True when the text holds control characters other than line breaks and tabs (if allowed). */
    public static boolean hasControlCharacters(String s, boolean allowLineBreaks) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                if (allowLineBreaks && (c == '\n' || c == '\t')) {
                    continue;
                }
                return true;
            }
        }
        return false;
    }

    /**
     * The text with each control character (NUL included) turned into a space: for search terms,
     * which cannot match stored text holding them (PostgreSQL refuses NUL in text parameters).
     */
    public static String withoutControlCharacters(String s) {
        if (s == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? ' ' : c);
        }
        return sb.toString();
    }

    /** Length in code points, the way a member counts characters (an emoji is one). */
    public static int length(String s) {
        return s.codePointCount(0, s.length());
    }

    /** Escapes % and _ and the escape character itself for a LIKE pattern with ESCAPE '\'. */
    public static String likeContains(String s) {
        String escaped = s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return "%" + escaped + "%";
    }
}
