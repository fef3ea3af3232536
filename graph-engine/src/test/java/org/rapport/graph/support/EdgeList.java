package org.rapport.graph.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import org.rapport.graph.ConnectionGraph;

/**
 * An edge list as parallel arrays, read from the SNAP text format: one {@code u v} pair per line,
 * separated by spaces or tabs, {@code #} comment lines and blank lines ignored; gzip when the file
 * name ends in {@code .gz}.
 *
 * @param from  first endpoint of each edge
 * @param to    second endpoint of each edge
 * @param count number of edges; the arrays may be longer
 */
public record EdgeList(int[] from, int[] to, int count) {

    public EdgeList {
        if (count < 0 || count > from.length || count > to.length) {
            throw new IllegalArgumentException(String.format(
                    "count %d does not fit arrays of length %d and %d", count, from.length, to.length));
        }
    }

    /** Reads {@code file}. */
    public static EdgeList read(Path file) {
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII), 1 << 16)) {
            int[] from = new int[1024];
            int[] to = new int[1024];
            int count = 0;
            int lineNumber = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                int start = skipBlanks(line, 0);
                if (start == line.length() || line.charAt(start) == '#') {
                    continue;
                }
                int end = skipDigits(line, start);
                int next = skipBlanks(line, end);
                int last = skipDigits(line, next);
                if (end == start || next == end || last == next || skipBlanks(line, last) != line.length()) {
                    throw new IllegalArgumentException(file + ":" + lineNumber + ": expected 'u v', got '" + line + "'");
                }
                if (count == from.length) {
                    from = Arrays.copyOf(from, count * 2);
                    to = Arrays.copyOf(to, count * 2);
                }
                from[count] = Integer.parseInt(line, start, end, 10);
                to[count] = Integer.parseInt(line, next, last, 10);
                count++;
            }
            return new EdgeList(from, to, count);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read edge list " + file, e);
        }
    }

    /** Builds a {@link ConnectionGraph} with {@link ConnectionGraph#fromEdges}. */
    public ConnectionGraph toGraph() {
        return ConnectionGraph.fromEdges(from, to, count);
    }

    private static int skipBlanks(String line, int i) {
        while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    private static int skipDigits(String line, int i) {
        while (i < line.length() && line.charAt(i) >= '0' && line.charAt(i) <= '9') {
            i++;
        }
        return i;
    }
}
