package org.rapport.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Named graphs with answers worked out by hand, and the edge cases of the API. */
class ConnectionGraphTest {

    /** 0 - 1 - 2 - 3 - 4 */
    private static ConnectionGraph pathOfFive() {
        return graph(0, 1, 1, 2, 2, 3, 3, 4);
    }

    /** Centre 0 with leaves 1..5. */
    private static ConnectionGraph starOfSix() {
        return graph(0, 1, 0, 2, 0, 3, 0, 4, 0, 5);
    }

    /** Every pair of 0..4 connected. */
    private static ConnectionGraph cliqueOfFive() {
        ConnectionGraph graph = new ConnectionGraph();
        for (int a = 0; a < 5; a++) {
            for (int b = a + 1; b < 5; b++) {
                graph.connect(a, b);
            }
        }
        return graph;
    }

    /** 0 - 1 - 2 and, apart, 10 - 11. */
    private static ConnectionGraph twoComponents() {
        return graph(0, 1, 1, 2, 10, 11);
    }

    /** 0 - 1 - ... - 7 - 0 */
    private static ConnectionGraph cycleOfEight() {
        ConnectionGraph graph = new ConnectionGraph();
        for (int i = 0; i < 8; i++) {
            graph.connect(i, (i + 1) % 8);
        }
        return graph;
    }

    /** Builds a graph by connect(), from pairs {@code a0, b0, a1, b1, ...}. */
    private static ConnectionGraph graph(int... pairs) {
        ConnectionGraph graph = new ConnectionGraph();
        for (int i = 0; i < pairs.length; i += 2) {
            graph.connect(pairs[i], pairs[i + 1]);
        }
        return graph;
    }

    // ---------------------------------------------------------------------------- path

    @Test
    void distance_pathOfFive_returnsCappedAtThree() {
        ConnectionGraph graph = pathOfFive();
        assertThat(graph.distance(0, 0)).isEqualTo(0);
        assertThat(graph.distance(0, 1)).isEqualTo(1);
        assertThat(graph.distance(0, 2)).isEqualTo(2);
        assertThat(graph.distance(0, 3)).isEqualTo(3);
        assertThat(graph.distance(0, 4)).isEqualTo(Distances.BEYOND);
        assertThat(graph.distance(4, 0)).isEqualTo(Distances.BEYOND);
        assertThat(graph.distance(3, 0)).isEqualTo(3);
    }

    @Test
    void networkSize_pathOfFive_countsEachLevelOnce() {
        ConnectionGraph graph = pathOfFive();
        assertThat(graph.networkSize(0)).isEqualTo(new NetworkSize(1, 1, 1));
        assertThat(graph.networkSize(2)).isEqualTo(new NetworkSize(2, 2, 0));
        assertThat(graph.networkSize(1)).isEqualTo(new NetworkSize(2, 1, 1));
    }

    @Test
    void shortestPath_pathOfFive_returnsWholePathOnlyWithinMaxHops() {
        ConnectionGraph graph = pathOfFive();
        assertThat(graph.shortestPath(0, 4, 6)).containsExactly(0, 1, 2, 3, 4);
        assertThat(graph.shortestPath(0, 4, 4)).containsExactly(0, 1, 2, 3, 4);
        assertThat(graph.shortestPath(4, 0, 4)).containsExactly(4, 3, 2, 1, 0);
        assertThat(graph.shortestPath(0, 4, 3)).isEmpty();
        assertThat(graph.shortestPath(1, 2, 1)).containsExactly(1, 2);
        assertThat(graph.shortestPath(1, 3, 1)).isEmpty();
    }

    @Test
    void counts_pathOfFive_matchEdgesAndMembers() {
        ConnectionGraph graph = pathOfFive();
        assertThat(graph.edgeCount()).isEqualTo(4);
        assertThat(graph.memberCount()).isEqualTo(5);
        assertThat(graph.connectionCount(0)).isEqualTo(1);
        assertThat(graph.connectionCount(2)).isEqualTo(2);
        assertThat(graph.connectionsOf(2)).containsExactly(1, 3);
    }

    // ---------------------------------------------------------------------------- star

    @Test
    void mutualConnections_starLeaves_shareOnlyTheCentre() {
        ConnectionGraph graph = starOfSix();
        assertThat(graph.mutualCount(1, 2)).isEqualTo(1);
        assertThat(graph.mutualConnections(1, 2)).containsExactly(0);
        assertThat(graph.mutualCount(0, 1)).isZero();
        assertThat(graph.mutualConnections(0, 1)).isEmpty();
    }

    @Test
    void distance_starLeaves_returnsTwo() {
        ConnectionGraph graph = starOfSix();
        assertThat(graph.distance(1, 5)).isEqualTo(2);
        assertThat(graph.distance(0, 5)).isEqualTo(1);
        assertThat(graph.shortestPath(1, 5, 6)).containsExactly(1, 0, 5);
    }

    @Test
    void networkSize_star_seesLeavesAtSecondDegree() {
        ConnectionGraph graph = starOfSix();
        assertThat(graph.networkSize(0)).isEqualTo(new NetworkSize(5, 0, 0));
        assertThat(graph.networkSize(3)).isEqualTo(new NetworkSize(1, 4, 0));
        assertThat(graph.networkSize(3).total()).isEqualTo(5);
    }

    @Test
    void removeMember_starCentre_dropsEveryEdgeAndMember() {
        ConnectionGraph graph = starOfSix();
        assertThat(graph.removeMember(0)).isEqualTo(5);
        assertThat(graph.edgeCount()).isZero();
        assertThat(graph.memberCount()).isZero();
        assertThat(graph.connectionsOf(0)).isEmpty();
        assertThat(graph.connectionsOf(1)).isEmpty();
        assertThat(graph.distance(1, 2)).isEqualTo(Distances.BEYOND);
        assertThat(graph.removeMember(0)).isZero();
    }

    @Test
    void removeMember_starLeaf_keepsTheRest() {
        ConnectionGraph graph = starOfSix();
        assertThat(graph.removeMember(3)).isEqualTo(1);
        assertThat(graph.connectionsOf(0)).containsExactly(1, 2, 4, 5);
        assertThat(graph.edgeCount()).isEqualTo(4);
        assertThat(graph.memberCount()).isEqualTo(5);
        assertThat(graph.areConnected(0, 3)).isFalse();
    }

    @Test
    void removeMember_thenReconnect_reusesTheId() {
        ConnectionGraph graph = starOfSix();
        graph.removeMember(0);
        assertThat(graph.connect(0, 9)).isTrue();
        assertThat(graph.connectionsOf(0)).containsExactly(9);
        assertThat(graph.memberCount()).isEqualTo(2);
    }

    // ---------------------------------------------------------------------------- clique

    @Test
    void mutualCount_cliqueOfFive_returnsThreeForEveryPair() {
        ConnectionGraph graph = cliqueOfFive();
        for (int a = 0; a < 5; a++) {
            for (int b = 0; b < 5; b++) {
                if (a != b) {
                    assertThat(graph.mutualCount(a, b)).as("%d,%d", a, b).isEqualTo(3);
                    assertThat(graph.distance(a, b)).isEqualTo(1);
                    assertThat(graph.areConnected(a, b)).isTrue();
                    assertThat(graph.shortestPath(a, b, 1)).containsExactly(a, b);
                }
            }
        }
    }

    @Test
    void counts_cliqueOfFive_hasTenEdgesAndTenTriangles() {
        ConnectionGraph graph = cliqueOfFive();
        assertThat(graph.edgeCount()).isEqualTo(10);
        assertThat(graph.networkSize(2)).isEqualTo(new NetworkSize(4, 0, 0));
        long triangleCorners = 0;
        for (int a = 0; a < 5; a++) {
            for (int b : graph.connectionsOf(a)) {
                if (a < b) {
                    triangleCorners += graph.mutualCount(a, b);
                }
            }
        }
        assertThat(triangleCorners / 3).isEqualTo(10);
    }

    @Test
    void mutualCount_sameMember_returnsItsConnectionCount() {
        ConnectionGraph graph = cliqueOfFive();
        assertThat(graph.mutualCount(2, 2)).isEqualTo(4);
    }

    // ---------------------------------------------------------------------------- components

    @Test
    void distance_twoComponents_returnsBeyond() {
        ConnectionGraph graph = twoComponents();
        assertThat(graph.distance(0, 10)).isEqualTo(Distances.BEYOND);
        assertThat(graph.distance(2, 11)).isEqualTo(Distances.BEYOND);
        assertThat(graph.shortestPath(0, 11, 6)).isEmpty();
        assertThat(graph.mutualCount(0, 10)).isZero();
        assertThat(graph.networkSize(10)).isEqualTo(new NetworkSize(1, 0, 0));
    }

    @Test
    void memberCount_twoComponents_ignoresHolesInIds() {
        ConnectionGraph graph = twoComponents();
        assertThat(graph.memberCount()).isEqualTo(5);
        assertThat(graph.connectionCount(5)).isZero();
    }

    // ---------------------------------------------------------------------------- cycle

    @Test
    void distance_cycleOfEight_isThreeBothWaysRoundAndBeyondOpposite() {
        ConnectionGraph graph = cycleOfEight();
        assertThat(graph.distance(0, 3)).isEqualTo(3);
        assertThat(graph.distance(0, 5)).isEqualTo(3);
        assertThat(graph.distance(0, 4)).isEqualTo(Distances.BEYOND);
        assertThat(graph.networkSize(0)).isEqualTo(new NetworkSize(2, 2, 2));
    }

    @Test
    void shortestPath_cycleOfEight_isDeterministicAmongEqualPaths() {
        ConnectionGraph graph = cycleOfEight();
        int[] path = graph.shortestPath(0, 4, 6);
        assertThat(path).hasSize(5);
        assertThat(path[0]).isZero();
        assertThat(path[4]).isEqualTo(4);
        for (int i = 1; i < path.length; i++) {
            assertThat(graph.areConnected(path[i - 1], path[i])).isTrue();
        }
        for (int repeat = 0; repeat < 5; repeat++) {
            assertThat(graph.shortestPath(0, 4, 6)).containsExactly(path);
        }
    }

    // ---------------------------------------------------------------------------- writes

    @Test
    void connect_existingPair_returnsFalseEitherWay() {
        ConnectionGraph graph = new ConnectionGraph();
        assertThat(graph.connect(3, 7)).isTrue();
        assertThat(graph.connect(3, 7)).isFalse();
        assertThat(graph.connect(7, 3)).isFalse();
        assertThat(graph.edgeCount()).isEqualTo(1);
        assertThat(graph.connectionsOf(7)).containsExactly(3);
        assertThat(graph.connectionsOf(3)).containsExactly(7);
    }

    @Test
    void connect_self_throws() {
        ConnectionGraph graph = new ConnectionGraph();
        assertThatThrownBy(() -> graph.connect(4, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("itself")
                .hasMessageContaining("4");
    }

    @Test
    void connect_negativeId_throwsNamingTheArgument() {
        ConnectionGraph graph = new ConnectionGraph();
        assertThatThrownBy(() -> graph.connect(-1, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a must be a member id")
                .hasMessageContaining("-1");
        assertThatThrownBy(() -> graph.connect(4, -2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("b must be a member id");
        assertThat(graph.edgeCount()).isZero();
    }

    @Test
    void disconnect_missingOrSelfOrUnknown_returnsFalse() {
        ConnectionGraph graph = pathOfFive();
        assertThat(graph.disconnect(0, 2)).isFalse();
        assertThat(graph.disconnect(1, 1)).isFalse();
        assertThat(graph.disconnect(0, 1_000_000)).isFalse();
        assertThat(graph.edgeCount()).isEqualTo(4);
        assertThatThrownBy(() -> graph.disconnect(0, -5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void disconnect_thenReconnect_restoresTheEdge() {
        ConnectionGraph graph = pathOfFive();
        assertThat(graph.disconnect(2, 1)).isTrue();
        assertThat(graph.disconnect(1, 2)).isFalse();
        assertThat(graph.areConnected(1, 2)).isFalse();
        assertThat(graph.distance(0, 4)).isEqualTo(Distances.BEYOND);
        assertThat(graph.shortestPath(0, 4, 6)).isEmpty();
        assertThat(graph.edgeCount()).isEqualTo(3);

        assertThat(graph.connect(1, 2)).isTrue();
        assertThat(graph.connectionsOf(1)).containsExactly(0, 2);
        assertThat(graph.connectionsOf(2)).containsExactly(1, 3);
        assertThat(graph.distance(0, 3)).isEqualTo(3);
        assertThat(graph.edgeCount()).isEqualTo(4);
    }

    @Test
    void disconnect_lastConnection_forgetsTheMember() {
        ConnectionGraph graph = graph(1, 2);
        assertThat(graph.disconnect(1, 2)).isTrue();
        assertThat(graph.memberCount()).isZero();
        assertThat(graph.edgeCount()).isZero();
        assertThat(graph.connectionCount(1)).isZero();
    }

    @Test
    void connect_largeId_growsAndKeepsOldMembers() {
        ConnectionGraph graph = pathOfFive();
        assertThat(graph.connect(4, 5_000_000)).isTrue();
        assertThat(graph.connectionsOf(4)).containsExactly(3, 5_000_000);
        assertThat(graph.distance(2, 5_000_000)).isEqualTo(3);
        assertThat(graph.networkSize(5_000_000)).isEqualTo(new NetworkSize(1, 1, 1));
        assertThat(graph.shortestPath(0, 5_000_000, 6)).containsExactly(0, 1, 2, 3, 4, 5_000_000);
    }

    // ---------------------------------------------------------------------------- reads

    @Test
    void reads_unknownMembers_returnEmptyAnswers() {
        ConnectionGraph graph = pathOfFive();
        int unknown = 123_456;
        assertThat(graph.connectionCount(unknown)).isZero();
        assertThat(graph.connectionsOf(unknown)).isEmpty();
        assertThat(graph.areConnected(0, unknown)).isFalse();
        assertThat(graph.distance(0, unknown)).isEqualTo(Distances.BEYOND);
        assertThat(graph.distance(unknown, unknown)).isZero();
        assertThat(graph.mutualCount(unknown, 1)).isZero();
        assertThat(graph.mutualConnections(unknown, 1)).isEmpty();
        assertThat(graph.networkSize(unknown)).isEqualTo(NetworkSize.EMPTY);
        assertThat(graph.shortestPath(0, unknown, 6)).isEmpty();
        assertThat(graph.shortestPath(unknown, unknown, 0)).containsExactly(unknown);
    }

    @Test
    void reads_emptyGraph_returnEmptyAnswers() {
        ConnectionGraph graph = new ConnectionGraph();
        assertThat(graph.edgeCount()).isZero();
        assertThat(graph.memberCount()).isZero();
        assertThat(graph.distance(0, 1)).isEqualTo(Distances.BEYOND);
        assertThat(graph.networkSize(0)).isEqualTo(NetworkSize.EMPTY);
        assertThat(graph.toString()).isEqualTo("ConnectionGraph[members=0, edges=0]");
    }

    @Test
    void reads_negativeIds_throwNamingTheArgument() {
        ConnectionGraph graph = pathOfFive();
        assertThatThrownBy(() -> graph.distance(-1, 0)).hasMessageContaining("from must be a member id");
        assertThatThrownBy(() -> graph.distance(0, -1)).hasMessageContaining("to must be a member id");
        assertThatThrownBy(() -> graph.areConnected(-3, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> graph.connectionsOf(-3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> graph.connectionCount(-3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> graph.mutualCount(0, -3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> graph.mutualConnections(0, -3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> graph.networkSize(-3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> graph.removeMember(-3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> graph.shortestPath(-3, 0, 2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shortestPath_negativeMaxHops_throws() {
        ConnectionGraph graph = pathOfFive();
        assertThatThrownBy(() -> graph.shortestPath(0, 1, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxHops");
    }

    @Test
    void shortestPath_sameMember_isJustThatMember() {
        ConnectionGraph graph = pathOfFive();
        assertThat(graph.shortestPath(2, 2, 0)).containsExactly(2);
        assertThat(graph.shortestPath(2, 2, 6)).containsExactly(2);
        assertThat(graph.shortestPath(1, 2, 0)).isEmpty();
    }

    @Test
    void connectionsOf_returnsACopyTheCallerMayChange() {
        ConnectionGraph graph = starOfSix();
        int[] connections = graph.connectionsOf(0);
        connections[0] = 99;
        assertThat(graph.connectionsOf(0)).containsExactly(1, 2, 3, 4, 5);
        int[] mutual = graph.mutualConnections(1, 2);
        mutual[0] = 99;
        assertThat(graph.mutualConnections(1, 2)).containsExactly(0);
    }

    // ---------------------------------------------------------------------------- bulk build

    @Test
    void fromEdges_duplicatesBothOrientationsAndSelfLoops_collapseToSimpleGraph() {
        int[] from = {0, 1, 1, 2, 2, 3, 0, 4};
        int[] to = {1, 0, 2, 2, 1, 0, 1, 4};
        ConnectionGraph graph = ConnectionGraph.fromEdges(from, to, from.length);
        assertThat(graph.edgeCount()).isEqualTo(3);
        assertThat(graph.memberCount()).isEqualTo(4);
        assertThat(graph.connectionsOf(0)).containsExactly(1, 3);
        assertThat(graph.connectionsOf(1)).containsExactly(0, 2);
        assertThat(graph.connectionsOf(2)).containsExactly(1);
        assertThat(graph.connectionsOf(3)).containsExactly(0);
        assertThat(graph.connectionsOf(4)).isEmpty();
        assertThat(graph.distance(3, 2)).isEqualTo(3);
    }

    @Test
    void fromEdges_edgeCountShorterThanArrays_readsOnlyThePrefix() {
        int[] from = {0, 1, 7};
        int[] to = {1, 2, 8};
        ConnectionGraph graph = ConnectionGraph.fromEdges(from, to, 2);
        assertThat(graph.edgeCount()).isEqualTo(2);
        assertThat(graph.connectionCount(7)).isZero();
    }

    @Test
    void fromEdges_noEdges_isEmptyAndWritable() {
        ConnectionGraph graph = ConnectionGraph.fromEdges(new int[0], new int[0], 0);
        assertThat(graph.edgeCount()).isZero();
        assertThat(graph.connect(2, 3)).isTrue();
        assertThat(graph.connectionsOf(3)).containsExactly(2);
    }

    @Test
    void fromEdges_thenWrites_keepTheGraphConsistent() {
        ConnectionGraph graph = ConnectionGraph.fromEdges(new int[] {0, 1, 2}, new int[] {1, 2, 3}, 3);
        assertThat(graph.connect(3, 10)).isTrue();
        assertThat(graph.disconnect(1, 2)).isTrue();
        assertThat(graph.removeMember(0)).isEqualTo(1);
        assertThat(graph.edgeCount()).isEqualTo(2);
        assertThat(graph.memberCount()).isEqualTo(3);
        assertThat(graph.connectionsOf(3)).containsExactly(2, 10);
    }

    @Test
    void fromEdges_badArguments_throwWithClearMessages() {
        assertThatThrownBy(() -> ConnectionGraph.fromEdges(null, new int[0], 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("null");
        assertThatThrownBy(() -> ConnectionGraph.fromEdges(new int[1], new int[2], 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("edgeCount 2");
        assertThatThrownBy(() -> ConnectionGraph.fromEdges(new int[1], new int[1], -1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConnectionGraph.fromEdges(new int[] {0, 3}, new int[] {1, -4}, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("edge 1 joins 3 and -4");
    }

    @Test
    void networkSize_constructor_rejectsNegativeCounts() {
        assertThatThrownBy(() -> new NetworkSize(1, -1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void distances_isWithinNetwork_coversOneToThree() {
        assertThat(Distances.isWithinNetwork(0)).isFalse();
        assertThat(Distances.isWithinNetwork(1)).isTrue();
        assertThat(Distances.isWithinNetwork(3)).isTrue();
        assertThat(Distances.isWithinNetwork(Distances.BEYOND)).isFalse();
    }

    @Test
    void suggest_sharedHubCountsLessThanSharedSmallConnection() {
        // 0 knows 1 (who knows only 0 and 3) and the hub 2 (who knows 0, 4 and eight others).
        ConnectionGraph g = new ConnectionGraph();
        g.connect(0, 1);
        g.connect(1, 3);
        g.connect(0, 2);
        for (int m = 4; m < 13; m++) {
            g.connect(2, m);
        }
        Suggestions s = g.suggest(0, 2, null, Long.MAX_VALUE);
        assertThat(s.members()).containsExactly(3, 4);
        assertThat(s.mutualCounts()).containsExactly(1, 1);
        assertThat(s.scores()[0]).isCloseTo(1 / Math.log(2), org.assertj.core.data.Offset.offset(1e-12));
        assertThat(s.scores()[1]).isCloseTo(1 / Math.log(10), org.assertj.core.data.Offset.offset(1e-12));
        assertThat(s.complete()).isTrue();
    }

    @Test
    void suggest_budgetSkipsTheHubAndSaysSo() {
        ConnectionGraph g = new ConnectionGraph();
        g.connect(0, 1);
        g.connect(1, 3);
        g.connect(0, 2);
        for (int m = 4; m < 13; m++) {
            g.connect(2, m);
        }
        Suggestions s = g.suggest(0, 5, null, 5);
        assertThat(s.members()).containsExactly(3);
        assertThat(s.complete()).isFalse();
    }

    @Test
    void suggest_excludedAndConnectedMembersAreNeverSuggested() {
        ConnectionGraph g = new ConnectionGraph();
        g.connect(0, 1);
        g.connect(1, 2);
        g.connect(1, 3);
        g.connect(0, 3);
        Suggestions s = g.suggest(0, 10, m -> m == 2, Long.MAX_VALUE);
        assertThat(s.members()).isEmpty();
        assertThat(g.suggest(0, 10, null, Long.MAX_VALUE).members()).containsExactly(2);
    }

    @Test
    void suggest_rejectsBadArguments() {
        ConnectionGraph g = new ConnectionGraph();
        assertThatThrownBy(() -> g.suggest(-1, 1, null, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> g.suggest(0, -1, null, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> g.suggest(0, 1, null, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(g.suggest(7, 3, null, 1)).isEqualTo(Suggestions.NONE);
    }

    @Test
    void frozenLists_laterWrites_leaveThePictureAsItWas() {
        ConnectionGraph g = pathOfFive();
        int[][] picture = g.frozenLists();
        g.connect(0, 4);
        g.disconnect(1, 2);
        ConnectionGraph copy = ConnectionGraph.fromSortedLists(picture);
        assertThat(copy.edgeCount()).isEqualTo(4);
        assertThat(copy.memberCount()).isEqualTo(5);
        assertThat(copy.areConnected(1, 2)).isTrue();
        assertThat(copy.areConnected(0, 4)).isFalse();
        assertThat(copy.distance(0, 4)).isEqualTo(Distances.BEYOND);
        assertThat(g.areConnected(0, 4)).isTrue();
    }

    @Test
    void fromSortedLists_roundTripsEveryQueryOfTheOriginal() {
        ConnectionGraph g = cycleOfEight();
        ConnectionGraph copy = ConnectionGraph.fromSortedLists(g.frozenLists());
        for (int a = 0; a < 8; a++) {
            for (int b = 0; b < 8; b++) {
                assertThat(copy.distance(a, b)).isEqualTo(g.distance(a, b));
                assertThat(copy.mutualCount(a, b)).isEqualTo(g.mutualCount(a, b));
            }
        }
        copy.connect(0, 4);
        assertThat(copy.distance(0, 4)).isEqualTo(1);
        assertThat(g.distance(0, 4)).isEqualTo(Distances.BEYOND);
    }

    @Test
    void fromSortedLists_badLists_areRefused() {
        assertThatThrownBy(() -> ConnectionGraph.fromSortedLists(new int[][] {{1}, {}}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConnectionGraph.fromSortedLists(new int[][] {{2, 1}, {0}, {0}}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConnectionGraph.fromSortedLists(new int[][] {{0}}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConnectionGraph.fromSortedLists(new int[][] {{5}, {0}}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConnectionGraph.fromSortedLists(new int[][] {{1, 2}, {0}, null}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
