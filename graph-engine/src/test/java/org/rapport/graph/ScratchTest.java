package org.rapport.graph;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScratchTest {

    @Test
    void freshStamps_afterExhaustion_clearsTheArrayAndRestartsAtOne() {
        Scratch scratch = new Scratch();
        scratch.ensureCapacity(8);
        int stamp = scratch.freshStamps(1);
        scratch.stamps[3] = stamp;
        scratch.exhaustStampsForTesting();
        int afterWrap = scratch.freshStamps(2);
        assertThat(afterWrap).isEqualTo(1);
        assertThat(scratch.stamps).containsOnly(0);
        assertThat(scratch.freshStamps(1)).isEqualTo(3);
    }

    @Test
    void freshStamps_exceedEveryStampInUse() {
        Scratch scratch = new Scratch();
        scratch.ensureCapacity(4);
        int first = scratch.freshStamps(2);
        int second = scratch.freshStamps(1);
        assertThat(second).isEqualTo(first + 2);
    }

    @Test
    void ensureCapacity_grows_keepsExistingStamps() {
        Scratch scratch = new Scratch();
        scratch.ensureCapacity(4);
        int stamp = scratch.freshStamps(1);
        scratch.stamps[2] = stamp;
        scratch.ensureCapacity(100);
        assertThat(scratch.stamps).hasSize(100);
        assertThat(scratch.stamps[2]).isEqualTo(stamp);
    }

    @Test
    void pool_releasedScratch_isHandedOutAgainGrownToTheRequest() {
        Scratch.Pool pool = new Scratch.Pool(2);
        Scratch first = pool.acquire(10);
        pool.release(first);
        Scratch again = pool.acquire(50);
        assertThat(again).isSameAs(first);
        assertThat(again.stamps.length).isGreaterThanOrEqualTo(50);
        Scratch second = pool.acquire(10);
        assertThat(second).isNotSameAs(first);
    }

    @Test
    void pool_full_dropsExtraScratches() {
        Scratch.Pool pool = new Scratch.Pool(1);
        Scratch a = pool.acquire(1);
        Scratch b = pool.acquire(1);
        pool.release(a);
        pool.release(b);
        assertThat(pool.acquire(1)).isSameAs(a);
        assertThat(pool.acquire(1)).isNotSameAs(b);
    }

    @Test
    void ensureRoom_fullQueue_doublesAndKeepsContents() {
        int[] queue = {1, 2};
        int[] grown = Scratch.ensureRoom(queue, 2);
        assertThat(grown.length).isGreaterThanOrEqualTo(4);
        assertThat(grown[0]).isEqualTo(1);
        assertThat(grown[1]).isEqualTo(2);
        assertThat(Scratch.ensureRoom(grown, 2)).isSameAs(grown);
    }
}
