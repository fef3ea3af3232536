package org.rapport.bench.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rapport.bench.generate.CommunityNetwork;
import org.rapport.graph.ConnectionGraph;

/**
 * Every peer answers every query exactly as our engine does on a small community network, and
 * the report shows each. PostgreSQL is skipped with a message when no server answers, unless
 * {@code CI=true}, where it must run.
 */
class PeerComparisonTest {

    private static final ConnectionGraph GRAPH = CommunityNetwork.generate(1_500, 12, 5L).toGraph();
    private static final int PAIRS = 60;

    private static PeerComparison comparison() {
        PeerComparison.Options options = PeerComparison.Options.parse(new String[] {
                "--graph", "facebook", "--pairs", String.valueOf(PAIRS), "--warmup-seconds", "0", "--budget-seconds", "20"});
        return new PeerComparison(options, GRAPH);
    }

    private static void assertAllAgree(PeerComparison.Result result) {
        assertThat(result.failure).isNull();
        assertThat(result.queries).hasSize(PeerComparison.Query.values().length);
        result.queries.forEach((query, measured) -> {
            assertThat(measured.failure).as(query.label).isNull();
            assertThat(measured.n).as(query.label).isEqualTo(PAIRS);
            assertThat(measured.agreed).as(query.label + " answers agree with ours").isEqualTo(PAIRS);
        });
    }

    @Test
    void run_oursNaiveAndJGraphT_answerAlikeAndAreReported() {
        PeerComparison comparison = comparison();
        PeerGraph edges = PeerGraph.of(GRAPH);
        PeerComparison.Result ours = comparison.run("ours", edges);
        PeerComparison.Result naive = comparison.run("naive", edges);
        PeerComparison.Result jgrapht = comparison.run("jgrapht", edges);
        for (PeerComparison.Result r : List.of(ours, naive, jgrapht)) {
            assertAllAgree(r);
        }
        assertThat(naive.queries.get(PeerComparison.Query.PYMK).overlapSum / PAIRS)
                .as("exact Adamic–Adar equals ours where our scan was complete").isGreaterThan(0.95);
        String report = comparison.report(List.of(ours, naive, jgrapht));
        assertThat(report).contains("| naive | " + PAIRS + " |", "**shortest chain (≤ 6)**", "1.0×");
    }

    @Test
    void run_postgres_answersAlikeWhenAServerIsUp() {
        boolean up = PostgresPeer.reachable("127.0.0.1:5432", "postgres");
        assumeTrue(up || "true".equals(System.getenv("CI")),
                "skipped: no PostgreSQL at 127.0.0.1:5432 (user postgres, trust auth); start it with pg_ctlcluster 15 main start");
        assertAllAgree(comparison().run("postgres", PeerGraph.of(GRAPH)));
    }

    @Test
    void peerGraph_listsEachConnectionOnceLowToHigh() {
        ConnectionGraph graph = ConnectionGraph.fromEdges(new int[] {3, 1, 1, 2}, new int[] {1, 3, 2, 0}, 4);
        PeerGraph edges = PeerGraph.of(graph);
        assertThat(edges.count()).isEqualTo(3);
        assertThat(edges.lo()).containsExactly(0, 1, 1);
        assertThat(edges.hi()).containsExactly(2, 2, 3);
        assertThat(edges.members()).containsExactly(0, 1, 2, 3);
    }

    @Test
    void drawPairs_sameSeedSamePairsOfDifferentMembers() {
        int[] members = {2, 4, 6};
        int[][] pairs = PeerComparison.drawPairs(members, 100, 9L);
        assertThat(PeerComparison.drawPairs(members, 100, 9L)[0]).containsExactly(pairs[0]);
        for (int i = 0; i < 100; i++) {
            assertThat(pairs[0][i]).isNotEqualTo(pairs[1][i]).isIn(2, 4, 6);
        }
    }

    @Test
    void run_unknownPeer_isReportedAsFailure() {
        PeerComparison.Result result = comparison().run("nope", PeerGraph.of(GRAPH));
        assertThat(result.failure).contains("unknown peer 'nope'");
    }
}
