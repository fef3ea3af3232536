package org.rapport.server.contacts;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntConsumer;

/**
 * vCard 2.1, 3.0 and 4.0 (RFC 6350), as far as contacts need: FN and N for the name, EMAIL, URL,
 * X-SOCIALPROFILE and IMPP for handles. Folded lines (a line starting with a space or tab
 * continues the previous one) are unfolded; escapes (\\n, \\,, \\;) undone; 2.1's
 * QUOTED-PRINTABLE values decoded. Also writes vCard 4 for exports.
 */
final class VCards {

    private VCards() {
    }

    static ContactFileReader.Result read(String text, IntConsumer progress) {
        List<String[]> lines = unfold(text);
        List<RawContact> contacts = new ArrayList<>();
        List<ContactFileReader.Skipped> skipped = new ArrayList<>();
        int start = -1;
        String fn = "";
        String n = "";
        Set<String> emails = new LinkedHashSet<>();
        List<String> handles = new ArrayList<>();
        boolean sawBadEmail = false;
        for (String[] entry : lines) {
            int lineNumber = Integer.parseInt(entry[0]);
            String line = entry[1];
            if (line.isBlank()) {
                continue;
            }
            int colon = colon(line);
            if (colon < 0) {
                if (start < 0) {
                    throw new ContactFileException(lineNumber, "This is not a vCard property line: expected NAME:value.");
                }
                continue;
            }
            String left = line.substring(0, colon);
            String value = line.substring(colon + 1);
            String[] params = left.split(";");
            String name = params[0].toUpperCase(Locale.ROOT);
            int dot = name.indexOf('.');
            if (dot >= 0) {
                name = name.substring(dot + 1); // item1.EMAIL
            }
            if (left.toUpperCase(Locale.ROOT).contains("QUOTED-PRINTABLE")) {
                value = quotedPrintable(value);
            }
            switch (name) {
                case "BEGIN" -> {
                    if (start >= 0) {
                        throw new ContactFileException(lineNumber, "A vCard starts inside another one: END:VCARD is missing "
                                + "before this line.");
                    }
                    start = lineNumber;
                    fn = "";
                    n = "";
                    emails = new LinkedHashSet<>();
                    handles = new ArrayList<>();
                    sawBadEmail = false;
                }
                case "END" -> {
                    if (start < 0) {
                        throw new ContactFileException(lineNumber, "END:VCARD without BEGIN:VCARD.");
                    }
                    String shown = !fn.isBlank() ? fn : n;
                    if (emails.isEmpty() && handles.isEmpty()) {
                        skipped.add(new ContactFileReader.Skipped(start, sawBadEmail ? "no valid e-mail address"
                                : "no e-mail address or profile to match"));
                    } else {
                        contacts.add(new RawContact(start, shown, new ArrayList<>(emails), handles));
                    }
                    start = -1;
                    if ((contacts.size() + skipped.size()) % 1000 == 0) {
                        progress.accept(contacts.size() + skipped.size());
                    }
                }
                case "FN" -> fn = unescape(value);
                case "N" -> {
                    String[] parts = value.split(";", -1);
                    String family = parts.length > 0 ? unescape(parts[0]) : "";
                    String given = parts.length > 1 ? unescape(parts[1]) : "";
                    n = (given + " " + family).strip();
                }
                case "EMAIL" -> {
                    String e = ContactFileReader.normaliseEmail(unescape(value));
                    if (e != null) {
                        emails.add(e);
                    } else {
                        sawBadEmail = true;
                    }
                }
                case "URL", "X-SOCIALPROFILE", "IMPP" -> {
                    String v = unescape(value);
                    String h = v.contains("://") ? Handles.fromUrl(v) : null;
                    if (h == null && name.equals("X-SOCIALPROFILE")) {
                        for (String p : params) {
                            String pl = p.toLowerCase(Locale.ROOT);
                            if (pl.startsWith("type=") || pl.startsWith("x-user=")) {
                                h = Handles.ofMember(pl.startsWith("type=") ? pl.substring(5) : "x", v);
                            }
                        }
                    }
                    if (h != null) {
                        handles.add(h);
                    }
                }
                default -> { }
            }
        }
        if (start >= 0) {
            throw new ContactFileException(start, "This vCard is not closed: END:VCARD is missing.");
        }
        progress.accept(contacts.size() + skipped.size());
        return new ContactFileReader.Result(ContactFormat.VCARD, contacts, skipped);
    }

    /** Unfolds continuation lines; each entry is {first line number, logical line}. */
    private static List<String[]> unfold(String text) {
        List<String[]> out = new ArrayList<>();
        int number = 0;
        StringBuilder current = null;
        int currentStart = 0;
        boolean qpSoftBreak = false;
        for (String raw : text.split("\r\n|\n|\r", -1)) {
            number++;
            if (current != null && (qpSoftBreak || (!raw.isEmpty() && (raw.charAt(0) == ' ' || raw.charAt(0) == '\t')))) {
                current.append(qpSoftBreak ? raw : raw.substring(1));
            } else {
                if (current != null) {
                    out.add(new String[] {Integer.toString(currentStart), current.toString()});
                }
                current = new StringBuilder(raw);
                currentStart = number;
            }
            qpSoftBreak = current.toString().toUpperCase(Locale.ROOT).contains("QUOTED-PRINTABLE") && raw.endsWith("=");
            if (qpSoftBreak) {
                current.setLength(current.length() - 1);
            }
        }
        if (current != null) {
            out.add(new String[] {Integer.toString(currentStart), current.toString()});
        }
        return out;
    }

    /** The colon that ends the property name and parameters (quoted parameter values may hold colons). */
    private static int colon(String line) {
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ':' && !quoted) {
                return i;
            }
        }
        return -1;
    }

    static String unescape(String v) {
        StringBuilder sb = new StringBuilder(v.length());
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '\\' && i + 1 < v.length()) {
                char next = v.charAt(++i);
                sb.append(next == 'n' || next == 'N' ? '\n' : next);
            } else {
                sb.append(c);
            }
        }
        return sb.toString().strip();
    }

    static String escape(String v) {
        return v.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", "\\n");
    }

    private static String quotedPrintable(String v) {
        byte[] out = new byte[v.length()];
        int n = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '=' && i + 2 < v.length()) {
                try {
                    out[n++] = (byte) Integer.parseInt(v.substring(i + 1, i + 3), 16);
                    i += 2;
                    continue;
                } catch (NumberFormatException e) {
                    // not an escape: keep the '='
                }
            }
            out[n++] = (byte) c;
        }
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }

    /** One vCard 4 for an export, lines folded at 75 octets as RFC 6350 asks. */
    static String write(String fullName, String family, String given, String email, String url, String org,
                        String title) {
        StringBuilder sb = new StringBuilder();
        sb.append("BEGIN:VCARD\r\nVERSION:4.0\r\n");
        fold(sb, "FN:" + escape(fullName));
        fold(sb, "N:" + escape(family) + ";" + escape(given) + ";;;");
        if (email != null && !email.isBlank()) {
            fold(sb, "EMAIL:" + escape(email));
        }
        if (org != null && !org.isBlank()) {
            fold(sb, "ORG:" + escape(org));
        }
        if (title != null && !title.isBlank()) {
            fold(sb, "TITLE:" + escape(title));
        }
        if (url != null) {
            fold(sb, "URL:" + url);
        }
        sb.append("END:VCARD\r\n");
        return sb.toString();
    }

    private static void fold(StringBuilder sb, String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= 75) {
            sb.append(line).append("\r\n");
            return;
        }
        int used = 0;
        StringBuilder part = new StringBuilder();
        int limit = 75;
        for (int i = 0; i < line.length(); ) {
            int cp = line.codePointAt(i);
            int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (used + size > limit) {
                sb.append(part).append("\r\n ");
                part.setLength(0);
                used = 0;
                limit = 74;
            }
            part.appendCodePoint(cp);
            used += size;
            i += Character.charCount(cp);
        }
        sb.append(part).append("\r\n");
    }
}
