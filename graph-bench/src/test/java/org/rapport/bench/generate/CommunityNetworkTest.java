package org.rapport.bench.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rapport.graph.ConnectionGraph;
import org.rapport.graph.support.EdgeList;

/** The synthetic network is reproducible, has the asked density, a heavy tail and communities. */
class CommunityNetworkTest {

    private static final int MEMBERS = 30_000;
    private static final int DEGREE = 20;

    private static EdgeList edges;
    private static ConnectionGraph graph;

    @BeforeAll
    static void generate() {
        edges = CommunityNetwork.generate(MEMBERS, DEGREE, 7L);
        graph = edges.toGraph();
    }

    @Test
    void generate_sameSeed_sameEdgesInTheSameOrder() {
        EdgeList again = CommunityNetwork.generate(MEMBERS, DEGREE, 7L);
        assertThat(again.count()).isEqualTo(edges.count());
        assertThat(Arrays.equals(again.from(), 0, again.count(), edges.from(), 0, edges.count())).isTrue();
        assertThat(Arrays.equals(again.to(), 0, again.count(), edges.to(), 0, edges.count())).isTrue();
    }

    @Test
    void generate_otherSeed_otherGraph() {
        EdgeList other = CommunityNetwork.generate(MEMBERS, DEGREE, 8L);
        assertThat(Arrays.equals(other.from(), 0, other.count(), edges.from(), 0, edges.count())).isFalse();
    }

    @Test
    void generate_everyMemberConnectedAndAverageDegreeWithinTwoPercent() {
        assertThat(edges.count()).isEqualTo(MEMBERS * DEGREE / 2);
        assertThat(graph.memberCount()).isEqualTo(MEMBERS);
        double average = 2.0 * graph.edgeCount() / graph.memberCount();
        assertThat(average).isBetween(DEGREE * 0.98, DEGREE * 1.0);
        for (int i = 0; i < edges.count(); i++) {
            assertThat(edges.from()[i]).isNotEqualTo(edges.to()[i]).isBetween(0, MEMBERS - 1);
        }
    }

    @Test
    void generate_heavyTail_maxDegreeFarAboveAverage() {
        NetworkShape shape = NetworkShape.of(graph, 1_000, 1L);
        assertThat(shape.maxDegree()).as(shape.toString()).isGreaterThan(10 * DEGREE);
        assertThat(shape.p99Degree()).as(shape.toString()).isGreaterThan(3 * DEGREE);
        assertThat(shape.medianDegree()).as("most members below the mean: " + shape).isLessThan(DEGREE);
    }

    @Test
    void generate_communities_clusteringFarAboveRandomGraphOfSameDensity() {
        NetworkShape shape = NetworkShape.of(graph, 1_000, 1L);
        assertThat(shape.clustering()).as(shape.toString()).isGreaterThan(20 * shape.randomClustering());
        assertThat(shape.clustering()).as(shape.toString()).isGreaterThan(0.02);
    }

    @Test
    void generate_smallWorld_mostMembersWithinSixHops() {
        SplittableRandom random = new SplittableRandom(3L);
        int reached = 0;
        for (int i = 0; i < 200; i++) {
            if (graph.shortestPath(random.nextInt(MEMBERS), random.nextInt(MEMBERS), 6).length > 0) {
                reached++;
            }
        }
        assertThat(reached).isGreaterThan(190);
    }

    @Test
    void communityStarts_coverAllMembersInRangeSizes() {
        int[] starts = CommunityNetwork.communityStarts(MEMBERS, DEGREE, new SplittableRandom(5L));
        assertThat(starts[0]).isZero();
        assertThat(starts[starts.length - 1]).isEqualTo(MEMBERS);
        assertThat(starts.length).isGreaterThan(3);
        for (int c = 0; c + 1 < starts.length; c++) {
            assertThat(starts[c + 1] - starts[c]).isGreaterThanOrEqualTo(2 * DEGREE);
            assertThat(CommunityNetwork.communityOf(starts, starts[c])).isEqualTo(c);
            assertThat(CommunityNetwork.communityOf(starts, starts[c + 1] - 1)).isEqualTo(c);
        }
    }

    @Test
    void generate_tooFewMembers_rejected() {
        assertThatThrownBy(() -> CommunityNetwork.generate(100, 40, 1L))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("members >= 4 * averageDegree");
    }

    @Test
    void write_thenRead_sameEdges(@TempDir Path folder) throws IOException {
        EdgeList small = CommunityNetwork.generate(2_000, 10, 9L);
        for (String name : new String[] {"net.txt", "net.txt.gz"}) {
            Path file = folder.resolve(name);
            WriteEdgeList.write(small, file, "test network");
            EdgeList read = EdgeList.read(file);
            assertThat(read.count()).isEqualTo(small.count());
            assertThat(Arrays.equals(read.from(), 0, read.count(), small.from(), 0, small.count())).isTrue();
            assertThat(Arrays.equals(read.to(), 0, read.count(), small.to(), 0, small.count())).isTrue();
        }
    }

    @Test
    void main_writesTheAskedNetwork(@TempDir Path folder) throws IOException {
        Path file = folder.resolve("n.txt.gz");
        WriteEdgeList.main(new String[] {"--members", "1000", "--degree", "8", "--seed", "3", "--out", file.toString()});
        EdgeList read = EdgeList.read(file);
        assertThat(read.count()).isEqualTo(4_000);
        EdgeList direct = CommunityNetwork.generate(1_000, 8, 3L);
        assertThat(Arrays.equals(read.from(), 0, read.count(), direct.from(), 0, direct.count())).isTrue();
    }
}
