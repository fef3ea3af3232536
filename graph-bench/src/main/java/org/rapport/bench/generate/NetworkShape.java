package org.rapport.bench.generate;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.rapport.bench.BenchGraphs;
import org.rapport.graph.ConnectionGraph;

/**
 * The shape of a built network, to check that a synthetic one looks like a social network:
 * members, connections, average, median, 99th-percentile and largest degree, and the average local
 * clustering coefficient on a sample of members next to that of a random graph of the same density
 * ({@code average degree / (members − 1)}).
 *
 * <pre>
 * java -Xmx8g -cp graph-bench/target/benchmarks.jar org.rapport.bench.generate.NetworkShape synthetic-1m
 * </pre>
 * The argument is any name {@link BenchGraphs#load} knows.
 *
 * @param members           members with at least one connection
 * @param connections       connections (unordered pairs)
 * @param averageDegree     {@code 2 × connections / members}
 * @param medianDegree      the median degree
 * @param p99Degree         the 99th-percentile degree
 * @param maxDegree         the largest degree
 * @param clustering        average local clustering coefficient over the sample (members of degree ≥ 2)
 * @param randomClustering  the expected clustering of a random graph of the same density
 */
public record NetworkShape(int members, long connections, double averageDegree, int medianDegree,
                           int p99Degree, int maxDegree, double clustering, double randomClustering) {

    /** Measures {@code graph}, computing clustering on up to {@code sample} members drawn from {@code seed}. */
    public static NetworkShape of(ConnectionGraph graph, int sample, long seed) {
        int[] members = BenchGraphs.membersOf(graph);
        int[] degrees = new int[members.length];
        for (int i = 0; i < members.length; i++) {
            degrees[i] = graph.connectionCount(members[i]);
        }
        Arrays.sort(degrees);
        SplittableRandom random = new SplittableRandom(seed);
        double clusteringSum = 0;
        int measured = 0;
        for (int k = 0; k < sample * 4 && measured < sample; k++) {
            int m = members[random.nextInt(members.length)];
            int[] friends = graph.connectionsOf(m);
            if (friends.length < 2) {
                continue;
            }
            long links = 0;
            for (int f : friends) {
                links += graph.mutualCount(m, f);
            }
            // Each link among friends is counted from both of its ends.
            clusteringSum += (double) links / ((long) friends.length * (friends.length - 1));
            measured++;
        }
        double average = 2.0 * graph.edgeCount() / members.length;
        return new NetworkShape(members.length, graph.edgeCount(), average,
                degrees[degrees.length / 2], degrees[(int) (degrees.length * 0.99)], degrees[degrees.length - 1],
                measured == 0 ? 0 : clusteringSum / measured, average / (members.length - 1));
    }

    @Override
    public String toString() {
        return String.format("%,d members, %,d connections, degree average %.2f, median %d, p99 %d, max %,d; "
                + "clustering %.4f (random graph of the same density: %.6f)", members, connections, averageDegree,
                medianDegree, p99Degree, maxDegree, clustering, randomClustering);
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: NetworkShape <graph name>, e.g. " + BenchGraphs.SYNTHETIC_1M);
        }
        long start = System.nanoTime();
        ConnectionGraph graph = BenchGraphs.load(args[0]);
        System.out.printf("%s loaded in %.1f s%n", args[0], (System.nanoTime() - start) / 1e9);
        System.out.println(of(graph, 2_000, BenchGraphs.SEED));
    }
}
