package org.rapport.server.contacts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;

import ezvcard.VCard;
import ezvcard.io.text.VCardReader;
import ezvcard.property.Email;
import ezvcard.property.FormattedName;
import ezvcard.property.Impp;
import ezvcard.property.RawProperty;
import ezvcard.property.StructuredName;
import ezvcard.property.Url;

/**
 * vCard 2.1, 3.0 and 4.0 (RFC 6350), as far as contacts need: FN and N for the name, EMAIL, URL,
 * X-SOCIALPROFILE and IMPP for handles. Reading is ez-vcard's: unfolding in linear time, RFC 6350
 * escaping ({@code N:O\\;Brien;Ada} is family "O;Brien"), quoted-printable values in their
 * CHARSET (UTF-8 when none is named) and vCard 2.1 {@code AGENT} cards embedded in their owner
 * rather than read as contacts. A linear outline pass before it keeps the line numbers: each
 * contact and skipped card names its BEGIN line, and a file ez-vcard would half-read is refused
 * with the line where it broke. Also writes vCard 4 for exports.
 */
final class VCards {

    private VCards() {
    }

    static ContactFileReader.Result read(String text, IntConsumer progress) {
        List<Integer> starts = outline(text);
        List<VCard> cards;
        try (VCardReader reader = new VCardReader(text)) {
            reader.setDefaultQuotedPrintableCharset(StandardCharsets.UTF_8);
            cards = reader.readAll();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (cards.size() != starts.size()) {
            // The outline and ez-vcard disagree on where the cards are; the file is not one we can trust.
            throw new ContactFileException(0, "This vCard file cannot be read: its BEGIN:VCARD and END:VCARD lines "
                    + "do not pair up.");
        }
        List<RawContact> contacts = new ArrayList<>();
        List<ContactFileReader.Skipped> skipped = new ArrayList<>();
        for (int i = 0; i < cards.size(); i++) {
            VCard card = cards.get(i);
            int start = starts.get(i);
            Set<String> emails = new LinkedHashSet<>();
            boolean sawBadEmail = false;
            for (Email email : card.getEmails()) {
                String e = ContactFileReader.normaliseEmail(strip(email.getValue()));
                if (e != null) {
                    emails.add(e);
                } else {
                    sawBadEmail = true;
                }
            }
            List<String> handles = handles(card);
            if (emails.isEmpty() && handles.isEmpty()) {
                skipped.add(new ContactFileReader.Skipped(start, sawBadEmail ? "no valid e-mail address"
                        : "no e-mail address or profile to match"));
            } else {
                contacts.add(new RawContact(start, shownName(card), new ArrayList<>(emails), handles));
            }
            if ((contacts.size() + skipped.size()) % 1000 == 0) {
                progress.accept(contacts.size() + skipped.size());
            }
        }
        progress.accept(contacts.size() + skipped.size());
        return new ContactFileReader.Result(ContactFormat.VCARD, contacts, skipped);
    }

    /** FN, else "given family" from N (already unescaped by ez-vcard, so {@code O\;Brien} stays one family name). */
    private static String shownName(VCard card) {
        FormattedName fn = card.getFormattedName();
        if (fn != null && !strip(fn.getValue()).isEmpty()) {
            return strip(fn.getValue());
        }
        StructuredName n = card.getStructuredName();
        if (n == null) {
            return "";
        }
        return (strip(n.getGiven()) + " " + strip(n.getFamily())).strip();
    }

    /** Handles from URL, IMPP and X-SOCIALPROFILE (the last may name its network in TYPE or X-USER). */
    private static List<String> handles(VCard card) {
        List<String> handles = new ArrayList<>();
        for (Url url : card.getUrls()) {
            addHandle(handles, fromUrl(strip(url.getValue())));
        }
        for (Impp impp : card.getImpps()) {
            addHandle(handles, impp.getUri() == null ? null : fromUrl(impp.getUri().toString()));
        }
        for (RawProperty raw : card.getExtendedProperties()) {
            String name = raw.getPropertyName().toUpperCase(Locale.ROOT);
            String v = strip(raw.getValue());
            if (!name.equals("X-SOCIALPROFILE") && !name.equals("URL") && !name.equals("IMPP")) {
                continue;
            }
            String h = fromUrl(v);
            if (h == null && name.equals("X-SOCIALPROFILE")) {
                for (Map.Entry<String, List<String>> p : raw.getParameters()) {
                    String key = p.getKey().toLowerCase(Locale.ROOT);
                    for (String value : p.getValue()) {
                        if (key.equals("type")) {
                            h = Handles.ofMember(value.toLowerCase(Locale.ROOT), v);
                        } else if (key.equals("x-user")) {
                            h = Handles.ofMember("x", v);
                        }
                    }
                }
            }
            addHandle(handles, h);
        }
        return handles;
    }

    private static String fromUrl(String v) {
        return v != null && v.contains("://") ? Handles.fromUrl(v) : null;
    }

    private static void addHandle(List<String> handles, String h) {
        if (h != null) {
            handles.add(h);
        }
    }

    private static String strip(String v) {
        return v == null ? "" : v.strip();
    }

    /**
     * The first line of every top-level card, in one pass over the physical lines, refusing with the
     * line number what ez-vcard would silently skip: a property line before the first card, an END
     * without a BEGIN, a card opened inside another (other than a vCard 2.1 {@code AGENT:} card), and a
     * card never closed. Folded lines (leading space or tab) and quoted-printable soft breaks (a line
     * ending in {@code =}) continue the previous property and are not looked at.
     */
    private static List<Integer> outline(String text) {
        List<Integer> starts = new ArrayList<>();
        int depth = 0;
        int start = -1;
        int number = 0;
        boolean softBreak = false;
        boolean agentOpen = false;
        int at = 0;
        int length = text.length();
        while (at <= length) {
            int end = at;
            while (end < length && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
                end++;
            }
            number++;
            String line = text.substring(at, end);
            at = end < length && text.charAt(end) == '\r' && end + 1 < length && text.charAt(end + 1) == '\n'
                    ? end + 2 : end + 1;
            boolean continuation = softBreak
                    || (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t'));
            if (continuation) {
                softBreak = softBreak && line.endsWith("=");
                continue;
            }
            if (line.isBlank()) {
                softBreak = false;
                continue;
            }
            int colon = colon(line);
            if (colon < 0) {
                if (depth == 0) {
                    throw new ContactFileException(number, "This is not a vCard property line: expected NAME:value.");
                }
                softBreak = false;
                continue;
            }
            String left = line.substring(0, colon).toUpperCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            String name = left.split(";", 2)[0].strip();
            int dot = name.indexOf('.');
            if (dot >= 0) {
                name = name.substring(dot + 1); // item1.EMAIL
            }
            softBreak = left.contains("QUOTED-PRINTABLE") && line.endsWith("=");
            if (name.equals("BEGIN") && value.equalsIgnoreCase("VCARD")) {
                if (depth == 0) {
                    start = number;
                } else if (!agentOpen) {
                    throw new ContactFileException(number, "A vCard starts inside another one: END:VCARD is missing "
                            + "before this line.");
                }
                depth++;
            } else if (name.equals("END") && value.equalsIgnoreCase("VCARD")) {
                if (depth == 0) {
                    throw new ContactFileException(number, "END:VCARD without BEGIN:VCARD.");
                }
                depth--;
                if (depth == 0) {
                    starts.add(start);
                }
            }
            agentOpen = name.equals("AGENT") && value.isEmpty();
        }
        if (depth > 0) {
            throw new ContactFileException(start, "This vCard is not closed: END:VCARD is missing.");
        }
        return starts;
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

    static String escape(String v) {
        return v.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", "\\n");
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
