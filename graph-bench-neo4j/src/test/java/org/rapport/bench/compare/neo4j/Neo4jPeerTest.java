package org.rapport.bench.compare.neo4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rapport.bench.Workload;
import org.rapport.bench.compare.Peer;
import org.rapport.bench.compare.PeerGraph;
import org.rapport.bench.generate.CommunityNetwork;
import org.rapport.graph.ConnectionGraph;
import org.rapport.graph.Distances;

/** The Cypher queries answer as our engine does, on a small community network in a temporary store. */
class Neo4jPeerTest {

    @TempDir
    static Path folder;

    private static ConnectionGraph graph;
    private static Neo4jPeer peer;

    @BeforeAll
    static void load() {
        graph = CommunityNetwork.generate(600, 10, 3L).toGraph();
        peer = new Neo4jPeer(folder.resolve("store"), "64m");
        peer.load(PeerGraph.of(graph));
    }

    @AfterAll
    static void close() {
        peer.close();
    }

    @Test
    void queries_agreeWithOurEngine() {
        Workload pairs = Workload.draw(graph, 32, 11L);
        for (int i = 0; i < pairs.size(); i++) {
            int a = pairs.sources()[i];
            int b = pairs.targets()[i];
            if (a == b) {
                continue;
            }
            int distance = graph.distance(a, b);
            assertThat(peer.degree(a, b)).as("degree %d-%d", a, b)
                    .isEqualTo(distance == Distances.BEYOND ? Peer.BEYOND : distance);
            assertThat(peer.mutualCount(a, b)).isEqualTo(graph.mutualCount(a, b));
            assertThat(peer.secondDegreeCount(a)).isEqualTo(graph.secondDegreeCount(a));
            assertThat(peer.chainLength(a, b, 6)).isEqualTo(graph.shortestPath(a, b, 6).length - 1);
            Peer.Suggested suggested = peer.peopleYouMayKnow(a, 20);
            for (int k = 0; k < suggested.size(); k++) {
                int c = suggested.members()[k];
                assertThat(graph.distance(a, c)).isEqualTo(2);
                assertThat(suggested.mutualCounts()[k]).isEqualTo(graph.mutualCount(a, c));
                assertThat(suggested.reasons()[k]).containsExactly(graph.mutualConnections(a, c));
                if (k > 0) {
                    assertThat(suggested.mutualCounts()[k]).isLessThanOrEqualTo(suggested.mutualCounts()[k - 1]);
                }
            }
        }
    }
}
