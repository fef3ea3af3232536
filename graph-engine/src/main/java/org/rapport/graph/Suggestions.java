package org.rapport.graph;

import java.util.Arrays;

/**
 * The result of {@link ConnectionGraph#suggest}: members two hops away, best first, with how many
 * connections each shares with the member asked about and their Adamic–Adar score. The three
 * arrays are parallel and of equal length; index 0 is the best suggestion.
 *
 * @param members      suggested member ids, best first
 * @param mutualCounts exact number of shared connections of each
 * @param scores       exact Adamic–Adar score of each: Σ 1 / ln(degree) over shared connections
 * @param complete     {@code false} when the scan stopped at its budget, so that candidates seen
 *                     only through the skipped (best-connected) connections were not considered
 */
public record Suggestions(int[] members, int[] mutualCounts, double[] scores, boolean complete) {

    /** No suggestions: a member without connections, or everyone two hops away excluded. */
    public static final Suggestions NONE = new Suggestions(new int[0], new int[0], new double[0], true);

    public Suggestions {
        if (members.length != mutualCounts.length || members.length != scores.length) {
            throw new IllegalArgumentException(String.format(
                    "parallel arrays differ in length: members %d, mutualCounts %d, scores %d",
                    members.length, mutualCounts.length, scores.length));
        }
    }

    public int size() {
        return members.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Suggestions s && complete == s.complete && Arrays.equals(members, s.members)
                && Arrays.equals(mutualCounts, s.mutualCounts) && Arrays.equals(scores, s.scores);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(members) * 31 + Arrays.hashCode(mutualCounts);
    }

    @Override
    public String toString() {
        return "Suggestions[members=" + Arrays.toString(members) + ", mutualCounts="
                + Arrays.toString(mutualCounts) + ", complete=" + complete + "]";
    }
}
