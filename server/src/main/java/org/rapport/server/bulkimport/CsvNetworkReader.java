package org.rapport.server.bulkimport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.rapport.server.account.AccountService;
import org.rapport.server.member.ProfileRules;
import org.rapport.server.system.ValidationException;

/**
 * Reads Rapport's own CSV import format (RFC 4180: commas, double quotes around fields that hold
 * commas, quotes or line breaks; UTF-8, a byte order mark is ignored), a directory holding:
 * <ul>
 *   <li>{@code members.csv}, required, with a header naming its columns in any order, compared
 *       without case, spaces, dashes or underscores: {@code externalId} and {@code firstName}
 *       (required), {@code email}, {@code lastName}, {@code headline}, {@code location},
 *       {@code industry} (optional). Unknown columns are refused, so a misspelt one is not
 *       silently dropped;</li>
 *   <li>{@code connections.csv}, optional, with the header {@code a,b} or {@code a,b,connectedAt}:
 *       the external ids of two members of {@code members.csv} and, optionally, when they
 *       connected (ISO-8601, e.g. {@code 2024-03-01T09:30:00Z} or {@code 2024-03-01}; empty means
 *       the time of the import).</li>
 * </ul>
 * This is the operator's own data, so it is held to the profile rules: a field too long, a
 * malformed e-mail address, a repeated external id or address, a reference to an unknown member
 * all refuse the import with {@code file:line: reason}. Repeated connections and self-loops are
 * dropped and counted, as in the other formats.
 */
final class CsvNetworkReader {

    static final String MEMBERS = "members.csv";
    static final String CONNECTIONS = "connections.csv";

    private static final List<String> MEMBER_COLUMNS =
            List.of("externalId", "email", "firstName", "lastName", "headline", "location", "industry");
    private static final List<String> CONNECTION_COLUMNS = List.of("a", "b", "connectedAt");
    private static final int EXTERNAL_ID_MAX = 200;
    private static final Pattern START_LINE = Pattern.compile("\\(startline (\\d+)\\)");

    private CsvNetworkReader() {
    }

    static StagedNetwork read(Path dir, ImportProgress progress) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new ImportRejectedException(dir + ": the csv format reads a directory holding " + MEMBERS
                    + " and optionally " + CONNECTIONS);
        }
        Path membersFile = dir.resolve(MEMBERS);
        Path connectionsFile = dir.resolve(CONNECTIONS);
        if (!Files.isRegularFile(membersFile)) {
            throw new ImportRejectedException(dir + ": no " + MEMBERS + " in this directory");
        }
        boolean hasConnections = Files.isRegularFile(connectionsFile);
        progress.phase("read " + dir.getFileName(),
                SourceFiles.size(hasConnections ? List.of(membersFile, connectionsFile) : List.of(membersFile)),
                ImportProgress.Unit.BYTES);
        EdgeBuffer edges = new EdgeBuffer(true, 1 << 12);
        StagedNetwork network = new StagedNetwork(ImportFormat.CSV, dir.toAbsolutePath().toString(), edges);
        Map<String, Integer> index = new HashMap<>();
        readMembers(membersFile, network, index, progress);
        if (hasConnections) {
            readConnections(connectionsFile, edges, index, progress);
        }
        progress.phase("sort connections", 0, ImportProgress.Unit.STEPS);
        edges.finish();
        return network;
    }

    private static void readMembers(Path file, StagedNetwork network, Map<String, Integer> index,
                                    ImportProgress progress) throws IOException {
        Map<String, Long> emailLines = new HashMap<>();
        Map<String, Long> idLines = new HashMap<>();
        read(file, MEMBERS, MEMBER_COLUMNS, List.of("externalId", "firstName"), progress, (row, line) -> {
            String externalId = row.get("externalId");
            if (externalId.isEmpty()) {
                throw ImportRejectedException.at(MEMBERS, line, "externalId is empty");
            }
            if (externalId.length() > EXTERNAL_ID_MAX || SourceText.hasControlCharacters(externalId)) {
                throw ImportRejectedException.at(MEMBERS, line, "externalId must be at most " + EXTERNAL_ID_MAX
                        + " characters without control characters");
            }
            Long previous = idLines.putIfAbsent(externalId, line);
            if (previous != null) {
                throw ImportRejectedException.at(MEMBERS, line, "externalId \"" + SourceDates.abbreviate(externalId)
                        + "\" is already used on line " + previous);
            }
            String email = row.getOrDefault("email", "");
            if (!email.isEmpty()) {
                email = AccountService.normaliseEmail(email);
                if (!AccountService.looksLikeEmail(email)) {
                    throw ImportRejectedException.at(MEMBERS, line, "\"" + SourceDates.abbreviate(email)
                            + "\" is not an e-mail address");
                }
                Long taken = emailLines.putIfAbsent(email, line);
                if (taken != null) {
                    throw ImportRejectedException.at(MEMBERS, line, "e-mail " + email + " is already used on line "
                            + taken);
                }
            }
            ValidationException.Errors errors = new ValidationException.Errors();
            String first = ProfileRules.line(row.get("firstName"), "firstName", "firstName", ProfileRules.NAME_MAX,
                    errors);
            if (first.isEmpty() && !errors.has("firstName")) {
                errors.add("firstName", "firstName is empty");
            }
            String last = ProfileRules.line(row.getOrDefault("lastName", ""), "lastName", "lastName",
                    ProfileRules.NAME_MAX, errors);
            String headline = ProfileRules.line(row.getOrDefault("headline", ""), "headline", "headline",
                    ProfileRules.HEADLINE_MAX, errors);
            String location = ProfileRules.line(row.getOrDefault("location", ""), "location", "location",
                    ProfileRules.LOCATION_MAX, errors);
            String industry = ProfileRules.line(row.getOrDefault("industry", ""), "industry", "industry",
                    ProfileRules.INDUSTRY_MAX, errors);
            try {
                errors.throwIfAny();
            } catch (ValidationException e) {
                throw ImportRejectedException.at(MEMBERS, line, String.join(" ",
                        e.errors().stream().map(ValidationException.FieldError::message).toList()));
            }
            index.put(externalId, network.members().size());
            network.members().add(new StagedNetwork.Member(externalId, email.isEmpty() ? null : email, first, last,
                    headline, location, industry, EdgeBuffer.NO_TIME, MEMBERS, line));
        });
    }

    private static void readConnections(Path file, EdgeBuffer edges, Map<String, Integer> index,
                                        ImportProgress progress) throws IOException {
        read(file, CONNECTIONS, CONNECTION_COLUMNS, List.of("a", "b"), progress, (row, line) -> {
            int a = member(index, row.get("a"), line);
            int b = member(index, row.get("b"), line);
            String at = row.getOrDefault("connectedAt", "");
            long time = EdgeBuffer.NO_TIME;
            if (!at.isEmpty()) {
                try {
                    time = SourceDates.parse(at);
                } catch (IllegalArgumentException e) {
                    throw ImportRejectedException.at(CONNECTIONS, line, "connectedAt: " + e.getMessage());
                }
            }
            edges.add(a, b, time);
        });
    }

    private static int member(Map<String, Integer> index, String externalId, long line) {
        Integer i = index.get(externalId);
        if (i == null) {
            throw ImportRejectedException.at(CONNECTIONS, line, "unknown member \"" + SourceDates.abbreviate(externalId)
                    + "\" (not an externalId in " + MEMBERS + ")");
        }
        return i;
    }

    private interface RowHandler {
        void row(Map<String, String> row, long line);
    }

    /** Reads a CSV file with a header, giving each row as column name → trimmed value, with its line. */
    private static void read(Path file, String name, List<String> known, List<String> required,
                             ImportProgress progress, RowHandler handler) throws IOException {
        CSVFormat format = CSVFormat.RFC4180.builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true)
                .setTrim(true)
                .setAllowMissingColumnNames(true)
                .get();
        try (Reader reader = bomless(new BufferedReader(new InputStreamReader(SourceFiles.open(file, progress),
                StandardCharsets.UTF_8), 1 << 16));
             CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get()) {
            List<String> header = parser.getHeaderNames();
            if (header.isEmpty()) {
                throw ImportRejectedException.at(name, 1, "empty file: expected a header line ("
                        + String.join(",", known) + ")");
            }
            Map<String, String> byKey = new HashMap<>();
            for (String k : known) {
                byKey.put(key(k), k);
            }
            String[] columns = new String[header.size()];
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < columns.length; i++) {
                String column = byKey.get(key(header.get(i)));
                if (column == null) {
                    throw ImportRejectedException.at(name, 1, "unknown column \"" + header.get(i) + "\" (known: "
                            + String.join(", ", known) + ")");
                }
                if (!seen.add(column)) {
                    throw ImportRejectedException.at(name, 1, "column " + column + " appears twice");
                }
                columns[i] = column;
            }
            for (String r : required) {
                if (!seen.contains(r)) {
                    throw ImportRejectedException.at(name, 1, "the header has no " + r + " column");
                }
            }
            Iterator<CSVRecord> records = parser.iterator();
            while (true) {
                CSVRecord record;
                try {
                    if (!records.hasNext()) {
                        break;
                    }
                    record = records.next();
                } catch (UncheckedIOException | IllegalStateException e) {
                    throw malformed(name, parser, e);
                }
                long line = parser.getCurrentLineNumber();
                if (record.size() != columns.length) {
                    throw ImportRejectedException.at(name, line, "expected " + columns.length + " fields, found "
                            + record.size());
                }
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < columns.length; i++) {
                    row.put(columns[i], record.get(i));
                }
                handler.row(row, line);
            }
        } catch (UncheckedIOException | IllegalArgumentException e) {
            throw new ImportRejectedException(name + ":1: " + message(e));
        }
    }

    private static ImportRejectedException malformed(String name, CSVParser parser, RuntimeException e) {
        String message = message(e);
        Matcher m = START_LINE.matcher(message);
        long line = m.find() ? Long.parseLong(m.group(1)) : parser.getCurrentLineNumber();
        return ImportRejectedException.at(name, line, "malformed CSV: " + START_LINE.matcher(message).replaceAll("")
                .replaceAll("\\s+", " ").strip());
    }

    private static String message(Throwable e) {
        Throwable t = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return m.lines().findFirst().orElse(m);
    }

    /** {@code External_ID}, {@code external-id} and {@code externalId} all name the same column. */
    private static String key(String column) {
        return column.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    private static Reader bomless(BufferedReader reader) throws IOException {
        reader.mark(1);
        if (reader.read() != '\uFEFF') {
            reader.reset();
        }
        return reader;
    }
}
