package org.rapport.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The kernels against a naive {@code TreeSet} intersection, on sizes from equal to very skewed. */
class IntSetsTest {

    private static final long SEED = 0x5EED_1275L;

    /** A strictly ascending array of {@code size} distinct values drawn from {@code [0, universe)}. */
    private static int[] randomSorted(SplittableRandom random, int size, int universe) {
        return random.ints(0, universe).distinct().limit(size).sorted().toArray();
    }

    private static int[] naiveIntersection(int[] a, int aFrom, int aTo, int[] b, int bFrom, int bTo) {
        TreeSet<Integer> set = new TreeSet<>();
        for (int i = aFrom; i < aTo; i++) {
            set.add(a[i]);
        }
        TreeSet<Integer> common = new TreeSet<>();
        for (int j = bFrom; j < bTo; j++) {
            if (set.contains(b[j])) {
                common.add(b[j]);
            }
        }
        return common.stream().mapToInt(Integer::intValue).toArray();
    }

    @Test
    void kernels_randomRanges_matchNaiveIntersection() {
        SplittableRandom random = new SplittableRandom(SEED);
        int[][] shapes = {
            {0, 0}, {0, 10}, {1, 1}, {1, 5000}, {3, 3000}, {10, 10}, {50, 60}, {100, 1000},
            {16, IntSets.GALLOP_RATIO * 16 - 1}, {16, IntSets.GALLOP_RATIO * 16}, {20, 15 * 20},
            {200, 200}, {7, 100_000}, {1000, 5}, {1000, 1}
        };
        for (int iteration = 0; iteration < 400; iteration++) {
            int[] shape = shapes[iteration % shapes.length];
            int universe = 1 + random.nextInt(4 * (shape[0] + shape[1]) + 2);
            universe = Math.max(universe, Math.max(shape[0], shape[1]));
            int[] a = randomSorted(random, shape[0], universe);
            int[] b = randomSorted(random, shape[1], universe);
            check(iteration, a, 0, a.length, b, 0, b.length);
            // Sub-ranges, so offsets are exercised too.
            int aFrom = a.length == 0 ? 0 : random.nextInt(a.length + 1);
            int aTo = aFrom + random.nextInt(a.length - aFrom + 1);
            int bFrom = b.length == 0 ? 0 : random.nextInt(b.length + 1);
            int bTo = bFrom + random.nextInt(b.length - bFrom + 1);
            check(iteration, a, aFrom, aTo, b, bFrom, bTo);
        }
    }

    private static void check(int iteration, int[] a, int aFrom, int aTo, int[] b, int bFrom, int bTo) {
        int[] expected = naiveIntersection(a, aFrom, aTo, b, bFrom, bTo);
        String context = String.format("seed %d iteration %d: a%s[%d,%d) b%s[%d,%d)", SEED, iteration,
                abbreviated(a), aFrom, aTo, abbreviated(b), bFrom, bTo);
        assertThat(IntSets.intersectionSize(a, aFrom, aTo, b, bFrom, bTo)).as(context).isEqualTo(expected.length);
        assertThat(IntSets.intersectionSize(b, bFrom, bTo, a, aFrom, aTo)).as(context).isEqualTo(expected.length);
        assertThat(IntSets.intersects(a, aFrom, aTo, b, bFrom, bTo)).as(context).isEqualTo(expected.length > 0);
        assertThat(IntSets.intersects(b, bFrom, bTo, a, aFrom, aTo)).as(context).isEqualTo(expected.length > 0);
        int offset = 3;
        int[] dest = new int[offset + Math.min(aTo - aFrom, bTo - bFrom)];
        Arrays.fill(dest, -7);
        int written = IntSets.intersect(a, aFrom, aTo, b, bFrom, bTo, dest, offset);
        assertThat(written).as(context).isEqualTo(expected.length);
        assertThat(Arrays.copyOfRange(dest, offset, offset + written)).as(context).containsExactly(expected);
        assertThat(Arrays.copyOfRange(dest, 0, offset)).as(context).containsOnly(-7);
    }

    private static String abbreviated(int[] array) {
        return array.length <= 20 ? Arrays.toString(array) : "(" + array.length + " elements)";
    }

    @Test
    void intersect_skewedSizes_usesGallopingAndFindsEveryMatch() {
        int[] large = new int[100_000];
        for (int i = 0; i < large.length; i++) {
            large[i] = 3 * i;
        }
        int[] small = {0, 1, 299_997, 150_000, 150_001};
        Arrays.sort(small);
        int[] dest = new int[small.length];
        int count = IntSets.intersect(small, large, dest);
        assertThat(Arrays.copyOf(dest, count)).containsExactly(0, 150_000, 299_997);
        assertThat(IntSets.intersectionSize(large, small)).isEqualTo(3);
    }

    @Test
    void intersect_identicalAndDisjoint_returnAllOrNothing() {
        int[] a = {1, 4, 9, 16};
        int[] dest = new int[4];
        assertThat(IntSets.intersect(a, a.clone(), dest)).isEqualTo(4);
        assertThat(dest).containsExactly(1, 4, 9, 16);
        assertThat(IntSets.intersectionSize(a, new int[] {20, 30})).isZero();
        assertThat(IntSets.intersects(a, new int[] {-5, 0})).isFalse();
        assertThat(IntSets.intersects(a, new int[] {2, 3, 5, 6, 7, 8, 10})).isFalse();
        assertThat(IntSets.intersects(a, new int[] {16})).isTrue();
    }

    @Test
    void gallopTo_findsFirstElementNotBelowKey() {
        int[] a = {2, 4, 6, 8, 10, 12, 14, 16, 18, 20};
        assertThat(IntSets.gallopTo(a, 0, a.length, 1)).isEqualTo(0);
        assertThat(IntSets.gallopTo(a, 0, a.length, 2)).isEqualTo(0);
        assertThat(IntSets.gallopTo(a, 0, a.length, 3)).isEqualTo(1);
        assertThat(IntSets.gallopTo(a, 0, a.length, 19)).isEqualTo(9);
        assertThat(IntSets.gallopTo(a, 0, a.length, 21)).isEqualTo(10);
        assertThat(IntSets.gallopTo(a, 4, 7, 100)).isEqualTo(7);
        assertThat(IntSets.gallopTo(a, 5, 5, 0)).isEqualTo(5);
        for (int key = 0; key <= 22; key++) {
            for (int from = 0; from <= a.length; from++) {
                int expected = from;
                while (expected < a.length && a[expected] < key) {
                    expected++;
                }
                assertThat(IntSets.gallopTo(a, from, a.length, key)).as("key %d from %d", key, from).isEqualTo(expected);
            }
        }
    }

    @Test
    void intersect_destinationTooSmall_throwsBeforeWriting() {
        int[] dest = new int[2];
        assertThatThrownBy(() -> IntSets.intersect(new int[] {1, 2, 3}, new int[] {1, 2, 3, 4}, dest))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("may hold 3");
        assertThat(dest).containsOnly(0);
        assertThatThrownBy(() -> IntSets.intersect(new int[] {1}, 0, 1, new int[] {1}, 0, 1, new int[1], 2))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> IntSets.intersect(new int[] {1}, 0, 1, new int[] {1}, 0, 1, null, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void kernels_badRanges_throwWithTheRange() {
        assertThatThrownBy(() -> IntSets.intersectionSize(new int[3], 2, 1, new int[3], 0, 3))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("a range [2, 1)");
        assertThatThrownBy(() -> IntSets.intersects(new int[3], 0, 3, new int[3], 0, 4))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("b range [0, 4) is out of bounds for length 3");
        assertThatThrownBy(() -> IntSets.intersectionSize(null, new int[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a must not be null");
    }

    @Test
    void kernels_unsortedInput_failTheAssertion() {
        int[] unsorted = {1, 5, 3, 7};
        int[] sorted = {0, 1, 2, 3, 4, 5, 6, 7};
        assertThatThrownBy(() -> IntSets.intersectionSize(unsorted, sorted))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("not strictly ascending");
        int[] duplicated = {2, 2};
        assertThatThrownBy(() -> IntSets.intersectionSize(duplicated, new int[] {2, 3}))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void isStrictlyAscending_rejectsDuplicatesAndDescents() {
        assertThat(IntSets.isStrictlyAscending(new int[] {})).isTrue();
        assertThat(IntSets.isStrictlyAscending(new int[] {1, 2, 9})).isTrue();
        assertThat(IntSets.isStrictlyAscending(new int[] {1, 1})).isFalse();
        assertThat(IntSets.isStrictlyAscending(new int[] {3, 2, 9}, 1, 3)).isTrue();
    }
}
