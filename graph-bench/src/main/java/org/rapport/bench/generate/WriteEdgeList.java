package org.rapport.bench.generate;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.rapport.graph.support.EdgeList;

/**
 * Writes a {@link CommunityNetwork} as a SNAP-style edge list, one {@code u v} line per
 * connection after a {@code #} header, gzip-compressed when the file name ends in {@code .gz}:
 * the input for measuring the server's bulk importer on a network of a chosen size.
 *
 * <pre>
 * ./mvnw -q -pl graph-engine,graph-bench -am package -DskipTests
 * java -Xmx4g -cp graph-bench/target/benchmarks.jar org.rapport.bench.generate.WriteEdgeList \
 *     --members 1000000 --degree 40 --out /tmp/synthetic-1m.txt.gz
 * </pre>
 * Options: {@code --members N} (default 1,000,000), {@code --degree K} (average degree, default
 * 40), {@code --seed S} (default {@link org.rapport.bench.BenchGraphs#SEED}), {@code --mixing μ}
 * (share of edges across communities, default {@value CommunityNetwork#MIXING}), {@code --out FILE}
 * (required). Heap needed: about 8 bytes per connection plus 4 per member (10M × 60: {@code -Xmx4g}).
 * Write it outside the repository: data files never go into the repo.
 */
public final class WriteEdgeList {

    private WriteEdgeList() {
    }

    public static void main(String[] args) throws IOException {
        int members = 1_000_000;
        int degree = 40;
        long seed = org.rapport.bench.BenchGraphs.SEED;
        double mixing = CommunityNetwork.MIXING;
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--members" -> members = Integer.parseInt(require(args[i], value));
                case "--degree" -> degree = Integer.parseInt(require(args[i], value));
                case "--seed" -> seed = Long.decode(require(args[i], value));
                case "--mixing" -> mixing = Double.parseDouble(require(args[i], value));
                case "--out" -> out = Path.of(require(args[i], value));
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; known: --members N --degree K --seed S --mixing M --out FILE");
            }
            i++;
        }
        if (out == null) {
            throw new IllegalArgumentException("--out FILE is required");
        }
        long start = System.nanoTime();
        EdgeList edges = CommunityNetwork.generate(members, degree, mixing, seed);
        long generated = System.nanoTime();
        write(edges, out, String.format("Rapport synthetic community network: %d members, average degree %d, "
                + "mixing %.2f, seed %d; %d edges", members, degree, mixing, seed, edges.count()));
        long written = System.nanoTime();
        System.out.printf("%d edges over %d members: generated in %.1f s, written to %s in %.1f s (%d bytes)%n",
                edges.count(), members, (generated - start) / 1e9, out, (written - generated) / 1e9, Files.size(out));
    }

    private static String require(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }

    /** Writes {@code edges} to {@code file} with one {@code #} header line; gzip for {@code .gz}. */
    public static void write(EdgeList edges, Path file, String header) throws IOException {
        try (OutputStream raw = Files.newOutputStream(file);
             OutputStream buffered = file.getFileName().toString().endsWith(".gz")
                     ? new GZIPOutputStream(raw, 1 << 16) : new BufferedOutputStream(raw, 1 << 16);
             OutputStream out = new BufferedOutputStream(buffered, 1 << 16)) {
            out.write(("# " + header + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            byte[] line = new byte[24];
            int[] from = edges.from();
            int[] to = edges.to();
            for (int i = 0; i < edges.count(); i++) {
                int n = digits(from[i], line, 0);
                line[n++] = ' ';
                n = digits(to[i], line, n);
                line[n++] = '\n';
                out.write(line, 0, n);
            }
        }
    }

    /** Writes the decimal digits of non-negative {@code value} at {@code at}; returns the end. */
    private static int digits(int value, byte[] buffer, int at) {
        int length = 1;
        for (int v = value; v >= 10; v /= 10) {
            length++;
        }
        for (int i = at + length - 1; i >= at; i--) {
            buffer[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        return at + length;
    }
}
