package org.rapport.bench.compare;

/**
 * One implementation of the product's graph queries in the comparison: ours, or a peer (a graph
 * database, a graph library, SQL, a naive BFS). {@link PeerComparison} loads the same graph into
 * each and asks each the same questions; answers are compared with ours.
 *
 * <p>Member ids are the dense {@code int} ids of the graph; every method answers for the graph as
 * loaded. Implementations are used from one thread and may keep per-query buffers.
 */
public interface Peer extends AutoCloseable {

    /** Short name used on the command line and in the table ({@code ours}, {@code neo4j}, ...). */
    String name();

    /** How {@link #peopleYouMayKnow} ranks, for the report (e.g. "Adamic–Adar" or "mutual count"). */
    String ranking();

    /** Loads the graph; called once, before any query. */
    void load(PeerGraph graph) throws Exception;

    /** 1, 2 or 3 for the degree of separation of two different members, {@link #BEYOND} when farther. */
    int degree(int a, int b) throws Exception;

    /** The number of connections two different members share. */
    int mutualCount(int a, int b) throws Exception;

    /** How many members are exactly two hops from {@code member}. */
    int secondDegreeCount(int member) throws Exception;

    /** The number of hops of a shortest chain of at most {@code maxHops}, or {@link #NO_CHAIN}. */
    int chainLength(int a, int b, int maxHops) throws Exception;

    /** The best {@code limit} members two hops away, by this peer's ranking, with the shared connections of each. */
    Suggested peopleYouMayKnow(int member, int limit) throws Exception;

    @Override
    default void close() throws Exception {
    }

    /** Farther than three hops: {@link org.rapport.graph.Distances#BEYOND}. */
    int BEYOND = org.rapport.graph.Distances.BEYOND;

    /** No chain within the hop limit. */
    int NO_CHAIN = -1;

    /**
     * Suggestions best first: {@code members[i]} shares {@code mutualCounts[i]} connections with
     * the member asked about, namely {@code reasons[i]} (ascending).
     */
    record Suggested(int[] members, int[] mutualCounts, int[][] reasons) {

        public Suggested {
            if (members.length != mutualCounts.length || members.length != reasons.length) {
                throw new IllegalArgumentException(String.format("parallel arrays differ: %d, %d, %d",
                        members.length, mutualCounts.length, reasons.length));
            }
        }

        public int size() {
            return members.length;
        }
    }
}
