package org.rapport.server.contacts;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.rapport.server.account.AccountService;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads an address book in whatever shape it comes: detects the encoding (byte order marks,
 * UTF-8, else Windows-1252), the format (vCard, the CSV dialects of Google, Outlook, LinkedIn and
 * Mastodon, Facebook's and X's JSON, or a plain list of addresses) and the CSV delimiter, and
 * maps columns by what their headers mean rather than their exact names, because providers
 * rename them. A row with nothing to match on (no valid e-mail address and no handle) is skipped
 * with its line and the reason; a file that cannot be read at all is refused with the line where
 * it broke ({@link ContactFileException}).
 */
public final class ContactFileReader {

    /** The outcome: the format found, the contacts read, and the rows skipped with their reasons. */
    public record Result(ContactFormat format, List<RawContact> contacts, List<Skipped> skipped) {
    }

    /** A row left out, and why. */
    public record Skipped(int line, String reason) {
    }

    private static final Pattern EMAIL_IN_TEXT = Pattern.compile("[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ContactFileReader() {
    }

    /** Reads {@code bytes} (the file {@code fileName}); {@code progress} hears how many records were read so far. */
    public static Result read(String fileName, byte[] bytes, IntConsumer progress) {
        String text = decode(bytes);
        String head = text.stripLeading();
        if (head.isEmpty()) {
            throw new ContactFileException(0, "The file is empty.");
        }
        String lower = head.substring(0, Math.min(head.length(), 4096)).toLowerCase(Locale.ROOT);
        if (lower.startsWith("begin:vcard")) {
            return VCards.read(text, progress);
        }
        if (lower.startsWith("window.ytd.")) {
            int start = text.indexOf('[');
            if (start < 0) {
                throw new ContactFileException(1, "This X archive file has no list in it.");
            }
            return xFollowing(text.substring(start), lineOf(text, start), progress);
        }
        if (lower.startsWith("{") || lower.startsWith("[")) {
            return json(text, progress);
        }
        return csvOrList(text, progress);
    }

    // ------------------------------------------------------------------------------------------
    // CSV dialects

    private static Result csvOrList(String text, IntConsumer progress) {
        List<String> lines = text.lines().toList();
        int headerAt = 0;
        // LinkedIn's Connections.csv opens with a "Notes:" paragraph before the header.
        if (!lines.isEmpty() && lines.get(0).strip().toLowerCase(Locale.ROOT).startsWith("notes:")) {
            while (headerAt < lines.size() && !looksLikeLinkedInHeader(lines.get(headerAt))) {
                headerAt++;
            }
            if (headerAt == lines.size()) {
                throw new ContactFileException(1, "This looks like LinkedIn's Connections.csv, but its header line "
                        + "(First Name, Last Name, URL, Email Address, …) is missing.");
            }
        } else {
            while (headerAt < lines.size() && lines.get(headerAt).isBlank()) {
                headerAt++;
            }
        }
        String header = lines.get(headerAt);
        char delimiter = delimiter(header);
        List<String> columns = splitHeader(header, delimiter);
        Columns c = Columns.of(columns);
        if (!c.usable()) {
            return emailList(text, progress);
        }
        ContactFormat format = c.format();
        String body = String.join("\n", lines.subList(headerAt, lines.size()));
        CSVFormat csv = CSVFormat.RFC4180.builder().setDelimiter(delimiter).setHeader().setSkipHeaderRecord(true)
                .setAllowMissingColumnNames(true).setIgnoreEmptyLines(true).setTrim(true).get();
        List<RawContact> contacts = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        int lineOffset = headerAt;
        try (CSVParser parser = CSVParser.parse(new StringReader(body), csv)) {
            long previousEnd = 1; // the header line
            for (CSVRecord r : parser) {
                // A record starts on the line after the previous one ended (values may span lines).
                int line = (int) (previousEnd + 1) + lineOffset;
                previousEnd = parser.getCurrentLineNumber();
                List<String> values = r.toList();
                RawContact contact = c.contact(line, values);
                if (contact.emails().isEmpty() && contact.handles().isEmpty()) {
                    skipped.add(new Skipped(line, c.hasEmailColumns() && c.anyEmailText(values)
                            ? "no valid e-mail address" : "no e-mail address or profile to match"));
                } else {
                    contacts.add(contact);
                }
                if ((contacts.size() + skipped.size()) % 1000 == 0) {
                    progress.accept(contacts.size() + skipped.size());
                }
            }
        } catch (UncheckedIOException | IllegalStateException e) {
            String message = e.getMessage() == null ? "" : e.getMessage();
            // Commons CSV writes the number with grouping ("line 90,002" or "line: 90,002").
            Matcher m = Pattern.compile("line:? ([\\d,]+)").matcher(message);
            int line = m.find() ? Integer.parseInt(m.group(1).replace(",", "")) + lineOffset : 0;
            throw new ContactFileException(line, "This CSV cannot be read (an unclosed quote, or a row the "
                    + "parser could not follow).");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        progress.accept(contacts.size() + skipped.size());
        return new Result(format, contacts, skipped);
    }

    private static boolean looksLikeLinkedInHeader(String line) {
        String l = line.toLowerCase(Locale.ROOT);
        return l.contains("first name") && l.contains("last name") && (l.contains("url") || l.contains("email"));
    }

    private static char delimiter(String header) {
        int commas = count(header, ',');
        int semicolons = count(header, ';');
        int tabs = count(header, '\t');
        if (tabs > commas && tabs > semicolons) {
            return '\t';
        }
        return semicolons > commas ? ';' : ',';
    }

    private static List<String> splitHeader(String header, char delimiter) {
        try (CSVParser p = CSVParser.parse(new StringReader(header),
                CSVFormat.RFC4180.builder().setDelimiter(delimiter).get())) {
            List<CSVRecord> records = p.getRecords();
            return records.isEmpty() ? List.of() : records.get(0).toList();
        } catch (IOException | UncheckedIOException e) {
            return List.of(header.split(String.valueOf(delimiter)));
        }
    }

    /** What each column of a CSV header is for. */
    private record Columns(List<Integer> emails, int name, int first, int middle, int last, int url, int mastodon,
                           ContactFormat format) {

        static Columns of(List<String> header) {
            List<Integer> emails = new ArrayList<>();
            int name = -1;
            int first = -1;
            int middle = -1;
            int last = -1;
            int url = -1;
            int mastodon = -1;
            boolean google = false;
            boolean outlook = false;
            boolean linkedin = false;
            for (int i = 0; i < header.size(); i++) {
                String h = header.get(i).strip().replace("\uFEFF", "").toLowerCase(Locale.ROOT)
                        .replace('_', ' ').replace('-', ' ').replaceAll("\\s+", " ");
                if (h.contains("mail") && !h.contains("type") && !h.contains("label")) {
                    emails.add(i);
                    google |= h.matches("e mail \\d+ value");
                    outlook |= h.matches("e mail( \\d+)? address");
                    linkedin |= h.equals("email address");
                } else if (h.equals("name") || h.equals("display name") || h.equals("full name")) {
                    name = i;
                } else if (h.equals("first name") || h.equals("given name")) {
                    first = i;
                } else if (h.equals("middle name") || h.equals("additional name")) {
                    middle = i;
                } else if (h.equals("last name") || h.equals("family name") || h.equals("surname")) {
                    last = i;
                } else if (h.equals("url") || h.equals("profile url")) {
                    url = i;
                } else if (h.equals("account address")) {
                    mastodon = i;
                }
                if (h.equals("connected on")) {
                    linkedin = true;
                }
            }
            ContactFormat format = mastodon >= 0 ? ContactFormat.MASTODON_CSV
                    : linkedin ? ContactFormat.LINKEDIN_CSV
                    : google ? ContactFormat.GOOGLE_CSV
                    : outlook ? ContactFormat.OUTLOOK_CSV
                    : ContactFormat.CSV;
            return new Columns(emails, name, first, middle, last, url, mastodon, format);
        }

        boolean usable() {
            return !emails.isEmpty() || url >= 0 || mastodon >= 0;
        }

        boolean hasEmailColumns() {
            return !emails.isEmpty();
        }

        boolean anyEmailText(List<String> values) {
            return emails.stream().anyMatch(i -> i < values.size() && !values.get(i).isBlank());
        }

        RawContact contact(int line, List<String> values) {
            Set<String> found = new LinkedHashSet<>();
            for (int i : emails) {
                if (i < values.size()) {
                    // Google puts several addresses in one cell, separated by " ::: ".
                    for (String part : values.get(i).split(":::|;|,")) {
                        String e = normaliseEmail(part);
                        if (e != null) {
                            found.add(e);
                        }
                    }
                }
            }
            List<String> handles = new ArrayList<>();
            if (url >= 0 && url < values.size()) {
                String h = Handles.fromUrl(values.get(url));
                if (h != null) {
                    handles.add(h);
                }
            }
            if (mastodon >= 0 && mastodon < values.size()) {
                String h = Handles.mastodon(values.get(mastodon));
                if (h != null) {
                    handles.add(h);
                }
            }
            String shown = name >= 0 && name < values.size() ? values.get(name) : "";
            if (shown.isBlank()) {
                StringBuilder sb = new StringBuilder();
                for (int i : new int[] {first, middle, last}) {
                    if (i >= 0 && i < values.size() && !values.get(i).isBlank()) {
                        sb.append(sb.isEmpty() ? "" : " ").append(values.get(i).strip());
                    }
                }
                shown = sb.toString();
            }
            if (shown.isBlank() && mastodon >= 0 && mastodon < values.size()) {
                shown = values.get(mastodon).strip();
            }
            return new RawContact(line, shown, new ArrayList<>(found), handles);
        }
    }

    // ------------------------------------------------------------------------------------------
    // Plain lists, JSON

    private static Result emailList(String text, IntConsumer progress) {
        List<RawContact> contacts = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        int line = 0;
        for (String l : text.lines().toList()) {
            line++;
            if (l.isBlank()) {
                continue;
            }
            Matcher m = EMAIL_IN_TEXT.matcher(l);
            boolean any = false;
            while (m.find()) {
                String e = normaliseEmail(m.group());
                if (e != null) {
                    contacts.add(new RawContact(line, nameBefore(l, m.start()), List.of(e), List.of()));
                    any = true;
                }
            }
            if (!any) {
                skipped.add(new Skipped(line, "no e-mail address on this line"));
            }
        }
        if (contacts.isEmpty()) {
            throw new ContactFileException(0, "No e-mail addresses or contacts were found in this file. Rapport reads "
                    + "Google and Outlook CSV, vCard, LinkedIn Connections.csv, Facebook and X exports, Mastodon "
                    + "following lists, and plain lists of addresses.");
        }
        progress.accept(line);
        return new Result(ContactFormat.EMAIL_LIST, contacts, skipped);
    }

    /** "Ada Lovelace <ada@example.org>" gives "Ada Lovelace". */
    private static String nameBefore(String line, int at) {
        String before = line.substring(0, at).replace("<", "").replace("\"", "").replace("mailto:", "").strip();
        int sep = Math.max(before.lastIndexOf(','), before.lastIndexOf(';'));
        return (sep >= 0 ? before.substring(sep + 1) : before).strip();
    }

    private static Result json(String text, IntConsumer progress) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JacksonException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new ContactFileException(line, "This JSON file is broken and cannot be read.");
        }
        JsonNode friends = root.isObject() ? first(root, "friends_v2", "friends") : null;
        if (friends != null && friends.isArray()) {
            List<RawContact> contacts = new ArrayList<>();
            List<Skipped> skipped = new ArrayList<>();
            int i = 0;
            for (JsonNode f : friends) {
                i++;
                String name = f.path("name").asString("");
                if (name.isBlank()) {
                    skipped.add(new Skipped(i, "a friend without a name"));
                } else {
                    contacts.add(new RawContact(i, repairMojibake(name), List.of(), List.of()));
                }
            }
            progress.accept(i);
            return new Result(ContactFormat.FACEBOOK_JSON, contacts, skipped);
        }
        if (root.isArray()) {
            return xFollowing(text, 1, progress);
        }
        throw new ContactFileException(1, "This JSON file is not a Facebook friends list or an X archive list.");
    }

    private static Result xFollowing(String json, int firstLine, IntConsumer progress) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JacksonException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr() + firstLine - 1;
            throw new ContactFileException(line, "This X archive file is broken and cannot be read.");
        }
        List<RawContact> contacts = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        int i = 0;
        for (JsonNode entry : root) {
            i++;
            JsonNode f = entry.has("following") ? entry.path("following") : entry.path("follower");
            String screen = first(f, "screenName", "userName", "username") == null ? ""
                    : first(f, "screenName", "userName", "username").asString("");
            String id = f.path("accountId").asString("");
            if (!screen.isBlank()) {
                contacts.add(new RawContact(i, "@" + screen, List.of(), List.of("x:" + screen.toLowerCase(Locale.ROOT))));
            } else if (!id.isBlank()) {
                contacts.add(new RawContact(i, "", List.of(), List.of("x-id:" + id)));
            } else {
                skipped.add(new Skipped(i, "an entry without an account"));
            }
        }
        progress.accept(i);
        return new Result(ContactFormat.X_ARCHIVE, contacts, skipped);
    }

    private static JsonNode first(JsonNode node, String... names) {
        for (String n : names) {
            if (node.has(n)) {
                return node.get(n);
            }
        }
        return null;
    }

    /** Facebook's export writes UTF-8 bytes as \\u00XX escapes; put the bytes back together. */
    static String repairMojibake(String s) {
        boolean latin1Only = s.chars().allMatch(ch -> ch < 256);
        boolean highBytes = s.chars().anyMatch(ch -> ch >= 0x80);
        if (!latin1Only || !highBytes) {
            return s;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(s.getBytes(StandardCharsets.ISO_8859_1))).toString();
        } catch (CharacterCodingException e) {
            return s;
        }
    }

    // ------------------------------------------------------------------------------------------

    /** A lower-case address, or null when the text is not one ("Ada <ada@x.org>" and "mailto:" are unwrapped). */
    public static String normaliseEmail(String raw) {
        if (raw == null) {
            return null;
        }
        String s = raw.strip();
        int lt = s.indexOf('<');
        int gt = s.lastIndexOf('>');
        if (lt >= 0 && gt > lt) {
            s = s.substring(lt + 1, gt);
        }
        if (s.regionMatches(true, 0, "mailto:", 0, 7)) {
            s = s.substring(7);
        }
        s = AccountService.normaliseEmail(s.replace("\"", ""));
        return AccountService.looksLikeEmail(s) ? s : null;
    }

    static String decode(byte[] bytes) {
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            return new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        }
        if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE) {
            return new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16LE);
        }
        if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF) {
            return new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16BE);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, WINDOWS_1252);
        }
    }

    static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static int count(String s, char c) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == c) {
                n++;
            }
        }
        return n;
    }
}
