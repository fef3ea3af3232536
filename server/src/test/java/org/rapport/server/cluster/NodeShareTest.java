package org.rapport.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NodeShareTest {

    @Test
    void eachNodeAllowsItsShareRoundedUpSoTheClusterAllowsAboutTheBudget() {
        assertThat(new NodeShare(1).of(10)).isEqualTo(10);
        assertThat(new NodeShare(3).of(10)).isEqualTo(4);
        assertThat(new NodeShare(3).of(9)).isEqualTo(3);
        assertThat(new NodeShare(5).of(1)).as("never nothing").isEqualTo(1);
        for (int nodes = 1; nodes <= 12; nodes++) {
            for (int budget = 1; budget <= 100; budget++) {
                int total = nodes * new NodeShare(nodes).of(budget);
                assertThat(total).isBetween(budget, budget + nodes - 1 + (budget < nodes ? nodes : 0));
            }
        }
    }

    @Test
    void aClusterHasAtLeastOneNode() {
        assertThatThrownBy(() -> new NodeShare(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
