package org.rapport.server.bulkimport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.rapport.server.demo.DemoNetworkGenerator;

/**
 * Reads a SNAP edge list: one connection per line as two non-negative integer ids separated by
 * tabs or spaces; lines starting with {@code #} and blank lines are skipped; plain or gzip. Each
 * undirected pair becomes one connection whatever its orientation and however often it appears;
 * self-loops are dropped (both counted).
 *
 * <p>Every id seen becomes a member whose external id is the number as written without leading
 * zeros ({@code 0042} is {@code 42}), in ascending id order (so database ids follow source ids).
 * SNAP data has no names: a member is named from the demo network's name lists by a fixed hash of
 * their id ({@link #nameOf(long)}), the same name for the same id in every import. Connections
 * get the time of the import.
 *
 * <p>Parsed straight from bytes (no {@code String} per line): about 2 s per 10 million lines.
 */
final class SnapReader {

    private static final int MAX_DIGITS = 18;

    private SnapReader() {
    }

    static StagedNetwork read(Path file, ImportProgress progress) throws IOException {
        if (Files.isDirectory(file)) {
            throw new ImportRejectedException(file + ": the snap format reads one edge-list file, not a directory");
        }
        if (!Files.isReadable(file)) {
            throw new ImportRejectedException(file + ": no such file, or it cannot be read");
        }
        String name = file.getFileName().toString();
        long bytes = Files.size(file);
        // A guess from the bytes: about 14 bytes per line in plain text, 4 compressed.
        int expectedEdges = (int) Math.min(1 << 28, bytes / (name.endsWith(".gz") ? 4 : 14) + 16);
        EdgeBuffer edges = new EdgeBuffer(false, expectedEdges);
        LongIntMap index = new LongIntMap(1 << 16);
        long[] idOf = new long[1 << 16];
        long[] firstLine = new long[1 << 16];

        progress.phase("read " + name, bytes, ImportProgress.Unit.BYTES);
        try (InputStream in = SourceFiles.open(file, progress)) {
            byte[] buf = new byte[1 << 16];
            int start = 0;
            int end = 0;
            long line = 0;
            boolean eof = false;
            long[] pair = new long[2];
            int[] ab = new int[2];
            while (true) {
                int nl = indexOf(buf, start, end, (byte) '\n');
                if (nl < 0 && !eof) {
                    // Move the partial line to the front (growing for a long line) and read more.
                    if (start > 0) {
                        System.arraycopy(buf, start, buf, 0, end - start);
                        end -= start;
                        start = 0;
                    }
                    if (end == buf.length) {
                        buf = Arrays.copyOf(buf, buf.length * 2);
                    }
                    int n = in.read(buf, end, buf.length - end);
                    if (n < 0) {
                        eof = true;
                    } else {
                        end += n;
                    }
                    continue;
                }
                int lineEnd = nl < 0 ? end : nl;
                if (nl < 0 && start == end) {
                    break;
                }
                line++;
                int kind = parseLine(buf, start, lineEnd, pair);
                if (kind < 0) {
                    throw ImportRejectedException.at(name, line,
                            "expected two member ids (non-negative integers) separated by a tab or space, found \""
                                    + SourceDates.abbreviate(new String(buf, start, lineEnd - start,
                                    StandardCharsets.UTF_8).strip()) + "\"");
                }
                if (kind == 1) {
                    for (int k = 0; k < 2; k++) {
                        int before = index.size();
                        int i = index.getOrAddNext(pair[k]);
                        if (i == before) {
                            if (i == idOf.length) {
                                idOf = Arrays.copyOf(idOf, i * 2);
                                firstLine = Arrays.copyOf(firstLine, i * 2);
                            }
                            idOf[i] = pair[k];
                            firstLine[i] = line;
                        }
                        ab[k] = i;
                    }
                    edges.add(ab[0], ab[1], EdgeBuffer.NO_TIME);
                }
                if (nl < 0) {
                    break;
                }
                start = nl + 1;
            }
        }

        // Number members in ascending source id order.
        int n = index.size();
        long[] sorted = Arrays.copyOf(idOf, n);
        Arrays.sort(sorted);
        int[] newIndex = new int[n];
        int[] oldIndex = new int[n];
        for (int i = 0; i < n; i++) {
            int rank = Arrays.binarySearch(sorted, idOf[i]);
            newIndex[i] = rank;
            oldIndex[rank] = i;
        }
        progress.phase("sort connections", 0, ImportProgress.Unit.STEPS);
        edges.remap(newIndex);
        edges.finish();

        StagedNetwork network = new StagedNetwork(ImportFormat.SNAP, file.toAbsolutePath().toString(), edges);
        List<StagedNetwork.Member> members = network.members();
        for (int rank = 0; rank < n; rank++) {
            long id = sorted[rank];
            String[] nameParts = nameOf(id);
            members.add(new StagedNetwork.Member(Long.toString(id), null, nameParts[0], nameParts[1], "", "", "",
                    EdgeBuffer.NO_TIME, name, firstLine[oldIndex[rank]]));
        }
        return network;
    }

    /**
     * Parses one line into {@code out}: 1 for an edge, 0 for a comment or blank line, -1 when
     * malformed. Accepts a trailing carriage return and surrounding blanks.
     */
    static int parseLine(byte[] b, int from, int to, long[] out) {
        int i = from;
        while (i < to && isBlank(b[i])) {
            i++;
        }
        if (i == to || b[i] == '#') {
            return 0;
        }
        for (int k = 0; k < 2; k++) {
            if (k == 1) {
                if (i == to || !isBlank(b[i])) {
                    return -1;
                }
                while (i < to && isBlank(b[i])) {
                    i++;
                }
            }
            long v = 0;
            int digits = 0;
            while (i < to && b[i] >= '0' && b[i] <= '9') {
                v = v * 10 + (b[i] - '0');
                digits++;
                i++;
            }
            if (digits == 0 || digits > MAX_DIGITS) {
                return -1;
            }
            out[k] = v;
        }
        while (i < to && isBlank(b[i])) {
            i++;
        }
        return i == to ? 1 : -1;
    }

    private static boolean isBlank(byte c) {
        return c == ' ' || c == '\t' || c == '\r';
    }

    private static int indexOf(byte[] b, int from, int to, byte value) {
        for (int i = from; i < to; i++) {
            if (b[i] == value) {
                return i;
            }
        }
        return -1;
    }

    /** A believable first and last name for source id {@code id}: the same for the same id, always. */
    static String[] nameOf(long id) {
        long h = mix(id ^ 0x5EED_0F_5A4AL);
        List<String> first = DemoNetworkGenerator.FIRST;
        List<String> last = DemoNetworkGenerator.LAST;
        return new String[] {
                first.get((int) Long.remainderUnsigned(h, first.size())),
                last.get((int) Long.remainderUnsigned(h >>> 32, last.size()))};
    }

    /** SplitMix64's finaliser: every bit of the input affects every bit of the output. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
