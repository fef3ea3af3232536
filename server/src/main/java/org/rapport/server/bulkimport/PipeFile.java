package org.rapport.server.bulkimport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/**
 * One {@code |}-separated LDBC file with a header line, read row by row with its line number.
 * LDBC files are not quoted: a field is everything between two bars. Header names are compared
 * without case and without Neo4j-import type suffixes, so {@code id:ID(Person)}, {@code id} and
 * {@code Person.id} all answer to {@code "id"} in {@link #column}.
 */
final class PipeFile implements AutoCloseable {

    private final BufferedReader reader;
    private final String name;
    private final String[] header;
    private long line;

    PipeFile(Path file, String name, ImportProgress progress) throws IOException {
        this.reader = new BufferedReader(new InputStreamReader(SourceFiles.open(file, progress),
                StandardCharsets.UTF_8), 1 << 16);
        this.name = name;
        String first = reader.readLine();
        line = 1;
        if (first == null) {
            throw error("empty file: expected a header line");
        }
        if (!first.isEmpty() && first.charAt(0) == '\uFEFF') {
            first = first.substring(1);
        }
        this.header = first.split("\\|", -1);
    }

    /** The file name used in messages (relative to the imported directory). */
    String name() {
        return name;
    }

    long line() {
        return line;
    }

    int columns() {
        return header.length;
    }

    /** The index of the first column answering to one of {@code names}, or -1. */
    int column(String... names) {
        for (int i = 0; i < header.length; i++) {
            String h = normalise(header[i]);
            for (String n : names) {
                if (h.equals(n.toLowerCase(Locale.ROOT))) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** Like {@link #column} but the column must exist. */
    int requireColumn(String... names) {
        int c = column(names);
        if (c < 0) {
            throw ImportRejectedException.at(name, 1, "expected a column named \"" + names[0] + "\" in the header");
        }
        return c;
    }

    /** Requires at least {@code n} columns (relationship files: source id, target id, attribute). */
    void requireColumns(int n, String what) {
        if (header.length < n) {
            throw ImportRejectedException.at(name, 1, "expected at least " + n + " columns (" + what + "), found "
                    + header.length);
        }
    }

    /** The next row, or null at the end; blank lines are skipped; a row must have the header's field count. */
    String[] next() throws IOException {
        String s;
        do {
            s = reader.readLine();
            if (s == null) {
                return null;
            }
            line++;
        } while (s.isBlank());
        String[] fields = s.split("\\|", -1);
        if (fields.length != header.length) {
            throw error("expected " + header.length + " fields separated by |, found " + fields.length);
        }
        return fields;
    }

    /** A problem with the current line. */
    ImportRejectedException error(String reason) {
        return ImportRejectedException.at(name, line, reason);
    }

    long id(String[] row, int column) {
        String s = row[column].strip();
        try {
            long v = Long.parseLong(s);
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw error("expected an id (a non-negative integer) in column " + (column + 1) + ", found \""
                    + SourceDates.abbreviate(s) + "\"");
        }
    }

    int integer(String[] row, int column) {
        String s = row[column].strip();
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw error("expected a whole number in column " + (column + 1) + ", found \"" + SourceDates.abbreviate(s)
                    + "\"");
        }
    }

    long date(String[] row, int column) {
        try {
            return SourceDates.parse(row[column]);
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }

    /** {@code id:ID(Person)} → {@code id}; {@code :START_ID(Person)} → {@code start_id}; {@code :LABEL} → {@code label}. */
    static String normalise(String cell) {
        String h = cell.strip();
        int colon = h.indexOf(':');
        if (colon > 0) {
            h = h.substring(0, colon);
        } else if (colon == 0) {
            h = h.substring(1);
            int paren = h.indexOf('(');
            if (paren >= 0) {
                h = h.substring(0, paren);
            }
        }
        int dot = h.lastIndexOf('.');
        if (dot >= 0) {
            h = h.substring(dot + 1);
        }
        return h.toLowerCase(Locale.ROOT);
    }
}
