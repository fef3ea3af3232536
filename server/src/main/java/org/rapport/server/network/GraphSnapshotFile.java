package org.rapport.server.network;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * The graph index's snapshot file: the whole connection graph as of one position of the graph
 * change log, so that a node starts by reading one file and replaying the log past it instead of
 * reading every row of {@code connections}.
 *
 * <p><b>Layout</b> (little-endian):
 * <pre>
 *  0  8 bytes  magic "RPGSNAP1"
 *  8  int      format version (1)
 * 12  int      id bound n: the length of the outer array (largest member id + 1, or more)
 * 16  long     log position the graph reflects (every change up to it, perhaps some after)
 * 24  long     connections (unordered pairs) e
 * 32  long     written at, epoch milliseconds
 * 40  16 bytes the log's id ({@code graph_log_head.log_id}): a snapshot of another database, or
 *              of this one before it was restored from a backup, is never used
 * 56  long     CRC-32C of bytes 0–55 and of the whole body (computed with this field zero)
 * 64  body:    n ints, the degree of each id (0 for none), then 2e ints, every list in id order,
 *              each strictly ascending
 * </pre>
 * Size: 64 + 4n + 8e bytes (10M ids × 60 connections: 2.4 GB). Raw ints rather than delta or
 * variable-length codes: the file is read straight into the engine's arrays at disk speed, and
 * the checksum (CRC-32C, hardware-accelerated) costs less than the read.
 *
 * <p>A file is written to a temporary name beside the target, forced to disk, and renamed over
 * the old one, so a crash while writing leaves the previous snapshot whole. Reading checks the
 * magic, version, sizes, the checksum and every list's order and range; anything wrong throws
 * {@link CorruptSnapshotException} and the caller falls back to the database.
 */
final class GraphSnapshotFile {

    static final byte[] MAGIC = {'R', 'P', 'G', 'S', 'N', 'A', 'P', '1'};
    static final int VERSION = 1;
    static final int HEADER_BYTES = 64;
    private static final int CRC_OFFSET = 56;
    private static final int CHUNK_BYTES = 1 << 22;

    /** What a snapshot file holds. */
    record Snapshot(long position, long edgeCount, long writtenAt, java.util.UUID logId, int[][] lists) {
    }

    /** The file cannot be used: missing parts, wrong checksum, a list out of order. */
    static final class CorruptSnapshotException extends IOException {
        CorruptSnapshotException(String message) {
            super(message);
        }
    }

    private GraphSnapshotFile() {
    }

    /**
     * Writes {@code lists} (as {@code ConnectionGraph.frozenLists()} gives them) as the snapshot at
     * {@code position}, replacing {@code target} atomically.
     *
     * @return the number of bytes written
     */
    static long write(Path target, int[][] lists, long position, java.util.UUID logId, long writtenAt)
            throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temp = parent.resolve(target.getFileName() + ".tmp");
        long entries = 0;
        for (int[] list : lists) {
            entries += list == null ? 0 : list.length;
        }
        CRC32C crc = new CRC32C();
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        header.put(MAGIC).putInt(VERSION).putInt(lists.length).putLong(position).putLong(entries / 2)
                .putLong(writtenAt).putLong(logId.getMostSignificantBits()).putLong(logId.getLeastSignificantBits())
                .putLong(0L).flip();
        crc.update(header.duplicate());
        long bytes = HEADER_BYTES;
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            writeFully(out, header);
            ByteBuffer chunk = ByteBuffer.allocateDirect(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            IntBuffer ints = chunk.asIntBuffer();
            for (int[] list : lists) {
                if (!ints.hasRemaining()) {
                    bytes += flush(out, chunk, ints, crc);
                }
                ints.put(list == null ? 0 : list.length);
            }
            for (int[] list : lists) {
                if (list == null) {
                    continue;
                }
                int from = 0;
                while (from < list.length) {
                    if (!ints.hasRemaining()) {
                        bytes += flush(out, chunk, ints, crc);
                    }
                    int n = Math.min(ints.remaining(), list.length - from);
                    ints.put(list, from, n);
                    from += n;
                }
            }
            bytes += flush(out, chunk, ints, crc);
            ByteBuffer sum = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, crc.getValue());
            while (sum.hasRemaining()) {
                out.write(sum, CRC_OFFSET + sum.position());
            }
            out.force(true);
        }
        try {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return bytes;
    }

    private static long flush(FileChannel out, ByteBuffer chunk, IntBuffer ints, CRC32C crc) throws IOException {
        int length = ints.position() * Integer.BYTES;
        ByteBuffer view = chunk.duplicate();
        view.position(0).limit(length);
        crc.update(view.duplicate());
        writeFully(out, view);
        ints.clear();
        return length;
    }

    private static void writeFully(FileChannel out, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
    }

    /** Reads only the header: the position and sizes, to decide whether the file is worth loading. */
    static Snapshot readHeader(Path file) throws IOException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer header = header(in);
            return new Snapshot(header.getLong(16), header.getLong(24), header.getLong(32), logId(header), null);
        }
    }

    /** Reads and checks the whole file. */
    static Snapshot read(Path file) throws IOException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer header = header(in);
            int bound = header.getInt(12);
            long position = header.getLong(16);
            long edges = header.getLong(24);
            long writtenAt = header.getLong(32);
            long expectedCrc = header.getLong(CRC_OFFSET);
            long expectedSize = HEADER_BYTES + 4L * bound + 8L * edges;
            if (bound < 0 || edges < 0 || in.size() != expectedSize) {
                throw new CorruptSnapshotException(String.format(
                        "%s: %d bytes, but its header (%d ids, %d connections) needs %d", file, in.size(), bound,
                        edges, expectedSize));
            }
            CRC32C crc = new CRC32C();
            crc.update(header.duplicate().putLong(CRC_OFFSET, 0L).position(0));
            ByteBuffer chunk = ByteBuffer.allocateDirect(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            Reader reader = new Reader(in, chunk, crc);
            int[] degrees = new int[bound];
            reader.read(degrees);
            long entries = 0;
            for (int d : degrees) {
                if (d < 0 || d >= bound) {
                    throw new CorruptSnapshotException(file + ": a degree of " + d + " among " + bound + " ids");
                }
                entries += d;
            }
            if (entries != 2 * edges) {
                throw new CorruptSnapshotException(file + ": degrees add up to " + entries + ", not twice " + edges);
            }
            int[][] lists = new int[bound][];
            for (int m = 0; m < bound; m++) {
                if (degrees[m] > 0) {
                    int[] list = new int[degrees[m]];
                    reader.read(list);
                    lists[m] = list;
                }
            }
            if (crc.getValue() != expectedCrc) {
                throw new CorruptSnapshotException(String.format("%s: checksum %08x, header says %08x", file,
                        crc.getValue(), expectedCrc));
            }
            return new Snapshot(position, edges, writtenAt, logId(header), lists);
        }
    }

    private static java.util.UUID logId(ByteBuffer header) {
        return new java.util.UUID(header.getLong(40), header.getLong(48));
    }

    private static ByteBuffer header(FileChannel in) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        while (header.hasRemaining()) {
            if (in.read(header) < 0) {
                throw new CorruptSnapshotException("shorter than its header");
            }
        }
        header.flip();
        byte[] magic = new byte[MAGIC.length];
        header.get(magic);
        if (!java.util.Arrays.equals(magic, MAGIC)) {
            throw new CorruptSnapshotException("not a Rapport graph snapshot");
        }
        int version = header.getInt(8);
        if (version != VERSION) {
            throw new CorruptSnapshotException("snapshot format " + version + ", this build reads " + VERSION);
        }
        return header.position(0);
    }

    /** Fills int arrays from the channel a chunk at a time, checksumming what passes. */
    private static final class Reader {
        private final FileChannel in;
        private final ByteBuffer chunk;
        private final CRC32C crc;
        private IntBuffer ints;

        Reader(FileChannel in, ByteBuffer chunk, CRC32C crc) {
            this.in = in;
            this.chunk = chunk;
            this.crc = crc;
            this.ints = IntBuffer.allocate(0);
        }

        void read(int[] into) throws IOException {
            int from = 0;
            while (from < into.length) {
                if (!ints.hasRemaining()) {
                    refill();
                }
                int n = Math.min(ints.remaining(), into.length - from);
                ints.get(into, from, n);
                from += n;
            }
        }

        private void refill() throws IOException {
            chunk.clear();
            while (chunk.hasRemaining()) {
                if (in.read(chunk) < 0) {
                    break;
                }
            }
            chunk.flip();
            if (chunk.remaining() < Integer.BYTES || chunk.remaining() % Integer.BYTES != 0) {
                throw new CorruptSnapshotException("the body ends early");
            }
            crc.update(chunk.duplicate());
            ints = chunk.asIntBuffer();
        }
    }
}
