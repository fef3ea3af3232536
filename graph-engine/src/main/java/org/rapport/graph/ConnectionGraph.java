package org.rapport.graph;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The undirected connections between members, held in memory and queried without locks while
 * single changes are applied concurrently.
 *
 * <h2>Layout</h2>
 * Members are dense non-negative {@code int} ids (the server maps database ids onto them; holes
 * left by deleted members are fine). One outer array {@code int[][] lists} is indexed by member
 * id; {@code lists[m]} is either {@code null} (no connections, or an id never seen) or the strictly
 * ascending array of m's connections, whose length is m's degree. There is no separate degree or
 * offset table: the array <em>is</em> the neighbour set, which is what lets one reference store
 * publish a whole new neighbour set at once.
 *
 * <h2>Invariants</h2>
 * Outside the window of a single write (see Thread-safety):
 * <ul>
 *   <li>symmetric: {@code b} is in {@code lists[a]} exactly when {@code a} is in {@code lists[b]};</li>
 *   <li>no self connection: {@code m} is never in {@code lists[m]};</li>
 *   <li>no duplicates and sorted: every list is strictly ascending;</li>
 *   <li>no empty lists: a member whose last connection goes has {@code null} again;</li>
 *   <li>every id in a list reachable from an outer array is below that array's length (the
 *       outer array is grown before any list naming a new id is published into it).</li>
 * </ul>
 * {@link #edgeCount()} is the number of unordered pairs and {@link #memberCount()} the number of
 * non-null lists.
 *
 * <h2>Memory</h2>
 * Per edge: 8 bytes (the id stored once in each endpoint's list). Per member with connections:
 * one {@code int[]} header, 16 bytes plus up to 4 bytes of alignment padding. Per possible id up
 * to the largest id seen, connected or not: one outer slot, 4 bytes with compressed references (8
 * without). So 10 million ids with an average of 40 connections take about 40 MB of slots, 170 MB
 * of headers and 1.6 GB of lists. Queries that traverse (distance 3, network size, paths) borrow a
 * scratch from a small per-graph pool (see {@link Scratch}): 4 bytes per possible id for the visit
 * stamps, 4 more for path parents once a path is asked for, kept for at most one scratch per
 * processor. A write allocates the two (or, for {@link #removeMember}, d + 1) new lists and leaves
 * the old ones to the garbage collector.
 *
 * <h2>Complexity</h2>
 * With {@code d(x)} the degree of x and {@code N(x)} its connections:
 * <ul>
 *   <li>{@link #areConnected}: binary search in the shorter of the two lists, O(log min d).</li>
 *   <li>{@link #connectionCount}: O(1). {@link #connectionsOf}: O(d) for the copy.</li>
 *   <li>{@link #mutualCount}, {@link #mutualConnections}: O(d(a) + d(b)), or
 *       O(min d · log(max d / min d)) when the sizes are skewed (see {@link IntSets}).</li>
 *   <li>{@link #distance}: 1 and 2 as above; 3 marks one side's connections and scans the
 *       connections of the other side's connections, picking the cheaper orientation:
 *       O(d(a) + d(b) + min(Σ<sub>x∈N(a)</sub> d(x), Σ<sub>y∈N(b)</sub> d(y))), stopping at the
 *       first hit. A negative answer ({@link Distances#BEYOND}) pays the full bound.</li>
 *   <li>{@link #networkSize}: breadth-first to depth 3, O(Σ d(x) over the 1st and 2nd degree);
 *       on a small-world graph that is much of the graph for well-connected members.</li>
 *   <li>{@link #secondDegreeCount}: O(Σ<sub>x∈N(m)</sub> d(x)).
 *       {@link #suggest}: friends-of-friends tallied with Adamic–Adar weights, O(min(budget,
 *       Σ<sub>x∈N(m)</sub> d(x)) + c log limit) for c candidates.</li>
 *   <li>{@link #shortestPath}: bidirectional breadth-first search, always expanding the side
 *       whose next level scans fewer list entries; roughly O(b<sup>k/2</sup>) instead of
 *       O(b<sup>k</sup>) for branching b and path length k.</li>
 *   <li>{@link #connect}, {@link #disconnect}: O(d(a) + d(b)) copying.
 *       {@link #removeMember}: O(Σ<sub>x∈N(m)</sub> d(x)).
 *       {@link #fromEdges}: O(E log d + ids), one pass to count, one to fill, a sort per list.</li>
 * </ul>
 *
 * <h2>Thread-safety</h2>
 * Writers serialize on one {@link ReentrantLock} (not {@code synchronized}, so a virtual thread
 * waiting to write does not pin its carrier). Readers never lock and never wait. Writes are copy
 * on write per member: a new list is built completely in a fresh array, then stored into its slot
 * with a <em>release</em> store; readers load slots with an <em>acquire</em> load (both through
 * the array-element {@link VarHandle}). Release/acquire gives the guarantee that matters: a reader
 * that sees the reference to a new list also sees every element written into it before the store,
 * so a reader never observes a half-built, unsorted or short array. Published lists are never
 * written again. When an id beyond the outer array arrives, the writer copies the outer array
 * into a larger one and publishes it through the {@code volatile} field {@code lists}; the copy
 * happens before that volatile write, so a reader that reads the new outer array also sees every
 * list reference copied into it (and, transitively, their contents). A reader reads the field once
 * per query and uses that snapshot throughout; an old outer array is never written after a swap,
 * so such a reader simply sees the graph as it was a moment ago.
 *
 * <p>One edge update stores two slots, one after the other, so a concurrent reader may briefly
 * see {@code b} in {@code lists[a]} but not yet {@code a} in {@code lists[b]} (and a query mixing
 * several members may see some of a multi-slot change but not the rest). Each list it reads is
 * still a complete, sorted, duplicate-free array, and traversals stamp what they visit, so the
 * worst outcome is an answer that reflects the graph just before or just after the change, never
 * an exception, a loop or corrupted state. Counters ({@link #edgeCount()}, {@link #memberCount()})
 * are volatile and updated after the lists, so they may lag one write behind a reader's lists.
 *
 * <p>The graph itself must be published safely to reader threads (a final field, a Spring bean,
 * a concurrent collection), like any mutable object.
 */
public final class ConnectionGraph {

    /** Arrays cannot be longer than about this on common JVMs. */
    private static final int MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

    /** The largest member id the graph can hold (the outer array must reach it). */
    public static final int MAX_MEMBER_ID = MAX_ARRAY_LENGTH - 1;

    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(int[][].class);
    private static final int[] NONE = new int[0];

    /** The outer array; see the class comment for what readers may assume. */
    private volatile int[][] lists;
    private volatile long edgeCount;
    private volatile int memberCount;

    private final ReentrantLock writeLock = new ReentrantLock();
    private final Scratch.Pool scratchPool = Scratch.Pool.sizedForThisMachine();

    /** An empty graph. */
    public ConnectionGraph() {
        this(new int[0][], 0, 0);
    }

    private ConnectionGraph(int[][] lists, long edgeCount, int memberCount) {
        this.edgeCount = edgeCount;
        this.memberCount = memberCount;
        this.lists = lists;
    }

    /**
     * Builds a graph from parallel edge arrays: edge {@code i} joins {@code from[i]} and
     * {@code to[i]}. Each undirected edge may be given once in either orientation; both
     * orientations, repeated edges and self-loops are accepted and collapse to a simple graph. The
     * arrays are only read.
     *
     * <p>Cost: one pass to find the largest id and count degrees, one to fill per-member arrays
     * of exactly that size, then a sort and in-place de-duplication per member (trimmed only if
     * something was dropped). Peak memory is the final graph plus one {@code int} per id.
     *
     * @throws IllegalArgumentException if an array is null or shorter than {@code edgeCount},
     *     {@code edgeCount} is negative, or an edge names a negative id
     */
    public static ConnectionGraph fromEdges(int[] from, int[] to, int edgeCount) {
        if (from == null || to == null) {
            throw new IllegalArgumentException("edge arrays must not be null");
        }
        if (edgeCount < 0 || edgeCount > from.length || edgeCount > to.length) {
            throw new IllegalArgumentException(String.format(
                    "edgeCount %d must be between 0 and the edge array lengths (from: %d, to: %d)",
                    edgeCount, from.length, to.length));
        }
        int maxId = -1;
        for (int i = 0; i < edgeCount; i++) {
            int u = from[i];
            int v = to[i];
            if (u < 0 || v < 0) {
                throw new IllegalArgumentException(String.format(
                        "edge %d joins %d and %d: member ids must not be negative", i, u, v));
            }
            if (u > MAX_MEMBER_ID || v > MAX_MEMBER_ID) {
                throw new IllegalArgumentException(String.format(
                        "edge %d joins %d and %d: member ids must not exceed %d", i, u, v, MAX_MEMBER_ID));
            }
            maxId = Math.max(maxId, Math.max(u, v));
        }
        int capacity = maxId + 1;
        int[] remaining = new int[capacity];
        for (int i = 0; i < edgeCount; i++) {
            int u = from[i];
            int v = to[i];
            if (u != v) {
                remaining[u]++;
                remaining[v]++;
            }
        }
        int[][] lists = new int[capacity][];
        for (int m = 0; m < capacity; m++) {
            if (remaining[m] > 0) {
                lists[m] = new int[remaining[m]];
            }
        }
        // Fill each list from its end, counting its remaining slots down to zero.
        for (int i = 0; i < edgeCount; i++) {
            int u = from[i];
            int v = to[i];
            if (u != v) {
                lists[u][--remaining[u]] = v;
                lists[v][--remaining[v]] = u;
            }
        }
        long entries = 0;
        int members = 0;
        for (int m = 0; m < capacity; m++) {
            int[] list = lists[m];
            if (list == null) {
                continue;
            }
            assert remaining[m] == 0;
            Arrays.sort(list);
            int distinct = 1;
            for (int k = 1; k < list.length; k++) {
                if (list[k] != list[distinct - 1]) {
                    list[distinct++] = list[k];
                }
            }
            lists[m] = distinct == list.length ? list : Arrays.copyOf(list, distinct);
            entries += distinct;
            members++;
        }
        // Each edge was added to both endpoints, and duplicates collapse on both sides alike.
        assert entries % 2 == 0 : entries;
        return new ConnectionGraph(lists, entries / 2, members);
    }

    /**
     * Builds a graph from per-member lists as {@link #frozenLists()} returns them (and a snapshot
     * file holds them): {@code lists[m]} is {@code null} or m's connections, strictly ascending,
     * without m itself, every id below {@code lists.length}, and symmetric. The arrays are taken
     * over, not copied: the caller must not touch them afterwards.
     *
     * <p>Cost: one pass over every entry to check order and range, O(E); symmetry is checked only
     * as far as the entry count being even (a full check would cost a binary search per entry;
     * {@code -ea} runs it).
     *
     * @throws IllegalArgumentException if a list is empty, unsorted, has a duplicate, names its own
     *     member or an id out of range, or the entries do not pair up
     */
    public static ConnectionGraph fromSortedLists(int[][] lists) {
        if (lists == null) {
            throw new IllegalArgumentException("lists must not be null");
        }
        long entries = 0;
        int members = 0;
        for (int m = 0; m < lists.length; m++) {
            int[] list = lists[m];
            if (list == null) {
                continue;
            }
            if (list.length == 0) {
                throw new IllegalArgumentException("member " + m + " has an empty list; use null");
            }
            int previous = -1;
            for (int v : list) {
                if (v <= previous || v >= lists.length || v == m) {
                    throw new IllegalArgumentException(String.format(
                            "member %d's list is not strictly ascending ids below %d without %d: ... %d, %d",
                            m, lists.length, m, previous, v));
                }
                previous = v;
            }
            entries += list.length;
            members++;
        }
        if (entries % 2 != 0) {
            throw new IllegalArgumentException("the lists are not symmetric: " + entries + " entries in all");
        }
        assert symmetric(lists);
        return new ConnectionGraph(lists, entries / 2, members);
    }

    private static boolean symmetric(int[][] lists) {
        for (int m = 0; m < lists.length; m++) {
            if (lists[m] != null) {
                for (int v : lists[m]) {
                    if (lists[v] == null || Arrays.binarySearch(lists[v], m) < 0) {
                        throw new AssertionError("asymmetric edge " + m + "-" + v);
                    }
                }
            }
        }
        return true;
    }

    /**
     * A consistent picture of the whole graph at one instant, for writing a snapshot: a copy of
     * the outer array taken while holding the write lock, so no write is half applied in it. The
     * lists themselves are shared, not copied: published lists are never written again (copy on
     * write), so the picture stays as it was however the graph changes afterwards. Callers must
     * only read the lists. Cost: 4 bytes per possible id (one array copy, milliseconds for
     * millions of ids) while writers wait; readers are not held up.
     */
    public int[][] frozenLists() {
        writeLock.lock();
        try {
            return lists.clone();
        } finally {
            writeLock.unlock();
        }
    }

    // ----------------------------------------------------------------------------------------
    // Writes

    /**
     * Connects {@code a} and {@code b}.
     *
     * @return {@code true} if the connection is new, {@code false} if it already existed
     * @throws IllegalArgumentException if {@code a == b} or either id is negative or above
     *     {@link #MAX_MEMBER_ID}
     */
    public boolean connect(int a, int b) {
        checkMember("a", a);
        checkMember("b", b);
        if (a == b) {
            throw new IllegalArgumentException("a member cannot connect to itself: " + a);
        }
        writeLock.lock();
        try {
            int[][] outer = ensureCapacity(Math.max(a, b));
            // Plain reads are fine here: every slot was last written by a lock holder.
            int[] listA = outer[a];
            if (listA != null && Arrays.binarySearch(listA, b) >= 0) {
                return false;
            }
            int[] listB = outer[b];
            assert listB == null || Arrays.binarySearch(listB, a) < 0 : "asymmetric edge " + a + "-" + b;
            SLOT.setRelease(outer, a, inserted(listA, b));
            SLOT.setRelease(outer, b, inserted(listB, a));
            int newMembers = (listA == null ? 1 : 0) + (listB == null ? 1 : 0);
            if (newMembers > 0) {
                memberCount = memberCount + newMembers;
            }
            edgeCount = edgeCount + 1;
            return true;
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Removes the connection between {@code a} and {@code b}.
     *
     * @return {@code true} if they were connected; {@code false} otherwise, including
     *     {@code a == b} and unknown ids
     * @throws IllegalArgumentException if either id is negative
     */
    public boolean disconnect(int a, int b) {
        checkMember("a", a);
        checkMember("b", b);
        if (a == b) {
            return false;
        }
        writeLock.lock();
        try {
            int[][] outer = lists;
            if (a >= outer.length || b >= outer.length) {
                return false;
            }
            int[] listA = outer[a];
            int positionInA = listA == null ? -1 : Arrays.binarySearch(listA, b);
            if (positionInA < 0) {
                return false;
            }
            int[] listB = outer[b];
            int positionInB = Arrays.binarySearch(listB, a);
            assert positionInB >= 0 : "asymmetric edge " + a + "-" + b;
            int[] newA = removed(listA, positionInA);
            int[] newB = removed(listB, positionInB);
            SLOT.setRelease(outer, a, newA);
            SLOT.setRelease(outer, b, newB);
            int goneMembers = (newA == null ? 1 : 0) + (newB == null ? 1 : 0);
            if (goneMembers > 0) {
                memberCount = memberCount - goneMembers;
            }
            edgeCount = edgeCount - 1;
            return true;
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Drops every connection of {@code member}, as when the member is deleted. The id may be used
     * again afterwards.
     *
     * @return how many connections were dropped (0 for an unknown member)
     * @throws IllegalArgumentException if {@code member} is negative
     */
    public int removeMember(int member) {
        checkMember("member", member);
        writeLock.lock();
        try {
            int[][] outer = lists;
            if (member >= outer.length || outer[member] == null) {
                return 0;
            }
            int[] own = outer[member];
            // The member's own list goes first, so queries starting from it see it gone at once.
            SLOT.setRelease(outer, member, (int[]) null);
            int goneMembers = 1;
            for (int other : own) {
                int[] list = outer[other];
                int position = Arrays.binarySearch(list, member);
                assert position >= 0 : "asymmetric edge " + member + "-" + other;
                int[] shorter = removed(list, position);
                SLOT.setRelease(outer, other, shorter);
                if (shorter == null) {
                    goneMembers++;
                }
            }
            memberCount = memberCount - goneMembers;
            edgeCount = edgeCount - own.length;
            return own.length;
        } finally {
            writeLock.unlock();
        }
    }

    /** Called with the write lock held; returns the outer array, grown to hold {@code member}. */
    private int[][] ensureCapacity(int member) {
        int[][] outer = lists;
        if (member < outer.length) {
            return outer;
        }
        long wanted = Math.max(member + 1L, outer.length + (outer.length >> 1) + 16L);
        int[][] grown = Arrays.copyOf(outer, (int) Math.min(wanted, MAX_ARRAY_LENGTH));
        lists = grown;
        return grown;
    }

    private static int[] inserted(int[] list, int value) {
        if (list == null) {
            return new int[] {value};
        }
        int position = -Arrays.binarySearch(list, value) - 1;
        assert position >= 0 : "already present: " + value;
        int[] result = new int[list.length + 1];
        System.arraycopy(list, 0, result, 0, position);
        result[position] = value;
        System.arraycopy(list, position, result, position + 1, list.length - position);
        return result;
    }

    /** The list without its element at {@code position}, or {@code null} if nothing is left. */
    private static int[] removed(int[] list, int position) {
        if (list.length == 1) {
            return null;
        }
        int[] result = new int[list.length - 1];
        System.arraycopy(list, 0, result, 0, position);
        System.arraycopy(list, position + 1, result, position, list.length - position - 1);
        return result;
    }

    // ----------------------------------------------------------------------------------------
    // Reads

    /** Whether {@code a} and {@code b} are connected; {@code false} when {@code a == b}. */
    public boolean areConnected(int a, int b) {
        checkMember("a", a);
        checkMember("b", b);
        if (a == b) {
            return false;
        }
        int[][] outer = lists;
        int[] listA = listOf(outer, a);
        int[] listB = listOf(outer, b);
        return listA != null && listB != null && connected(listA, a, listB, b);
    }

    /** How many connections {@code member} has; 0 for unknown members. */
    public int connectionCount(int member) {
        checkMember("member", member);
        int[] list = listOf(lists, member);
        return list == null ? 0 : list.length;
    }

    /**
     * The connections of {@code member}, ascending, in a fresh array the caller may keep and
     * modify; empty for unknown members.
     */
    public int[] connectionsOf(int member) {
        checkMember("member", member);
        int[] list = listOf(lists, member);
        return list == null ? NONE : list.clone();
    }

    /**
     * The degree of separation between two members: {@link Distances#SELF} (0) for the same
     * member, then 1, 2 or 3, or {@link Distances#BEYOND} when they are farther apart or not
     * connected at all (including unknown members).
     */
    public int distance(int from, int to) {
        checkMember("from", from);
        checkMember("to", to);
        if (from == to) {
            return Distances.SELF;
        }
        int[][] outer = lists;
        int[] listFrom = listOf(outer, from);
        int[] listTo = listOf(outer, to);
        if (listFrom == null || listTo == null) {
            return Distances.BEYOND;
        }
        if (connected(listFrom, from, listTo, to)) {
            return Distances.FIRST;
        }
        if (IntSets.intersects(listFrom, listTo)) {
            return Distances.SECOND;
        }
        return hasBridgingEdge(outer, listFrom, listTo) ? Distances.THIRD : Distances.BEYOND;
    }

    /**
     * Whether some member of {@code left} is connected to some member of {@code right}: with
     * {@code left = N(a)} and {@code right = N(b)}, whether a and b are at most three hops apart.
     * Marks one side in the visit stamps and scans the connections of the other side's members,
     * choosing the orientation with fewer entries to read.
     */
    private boolean hasBridgingEdge(int[][] outer, int[] left, int[] right) {
        long scanLeftCost = right.length + degreeSum(outer, left);
        long scanRightCost = left.length + degreeSum(outer, right);
        int[] scanned = scanLeftCost <= scanRightCost ? left : right;
        int[] marked = scanned == left ? right : left;
        Scratch scratch = scratchPool.acquire(outer.length);
        try {
            int[] stamps = scratch.stamps;
            int stamp = scratch.freshStamps(1);
            for (int member : marked) {
                stamps[member] = stamp;
            }
            for (int member : scanned) {
                int[] list = listOf(outer, member);
                if (list == null) {
                    continue;
                }
                for (int next : list) {
                    if (stamps[next] == stamp) {
                        return true;
                    }
                }
            }
            return false;
        } finally {
            scratchPool.release(scratch);
        }
    }

    private static long degreeSum(int[][] outer, int[] members) {
        long sum = 0;
        for (int member : members) {
            int[] list = listOf(outer, member);
            if (list != null) {
                sum += list.length;
            }
        }
        return sum;
    }

    /** {@code |N(a) ∩ N(b)|}, the number of connections {@code a} and {@code b} share. */
    public int mutualCount(int a, int b) {
        checkMember("a", a);
        checkMember("b", b);
        int[][] outer = lists;
        int[] listA = listOf(outer, a);
        int[] listB = listOf(outer, b);
        if (listA == null || listB == null) {
            return 0;
        }
        return IntSets.intersectionSize(listA, listB);
    }

    /** The connections {@code a} and {@code b} share, ascending, in a fresh array. */
    public int[] mutualConnections(int a, int b) {
        checkMember("a", a);
        checkMember("b", b);
        int[][] outer = lists;
        int[] listA = listOf(outer, a);
        int[] listB = listOf(outer, b);
        if (listA == null || listB == null) {
            return NONE;
        }
        int[] buffer = new int[Math.min(listA.length, listB.length)];
        int count = IntSets.intersect(listA, listB, buffer);
        return count == buffer.length ? buffer : Arrays.copyOf(buffer, count);
    }

    /**
     * How many members are at exactly one, two and three hops from {@code member} (its 1st, 2nd
     * and 3rd degree network). Breadth-first to depth 3 with pooled visit stamps; the third level
     * is counted, not stored.
     */
    public NetworkSize networkSize(int member) {
        checkMember("member", member);
        int[][] outer = lists;
        int[] first = listOf(outer, member);
        if (first == null) {
            return NetworkSize.EMPTY;
        }
        Scratch scratch = scratchPool.acquire(outer.length);
        int[] second = scratch.queueA;
        try {
            int[] stamps = scratch.stamps;
            int stamp = scratch.freshStamps(1);
            stamps[member] = stamp;
            for (int x : first) {
                stamps[x] = stamp;
            }
            int secondSize = 0;
            for (int x : first) {
                int[] list = listOf(outer, x);
                if (list == null) {
                    continue;
                }
                for (int y : list) {
                    if (stamps[y] != stamp) {
                        stamps[y] = stamp;
                        second = Scratch.ensureRoom(second, secondSize);
                        second[secondSize++] = y;
                    }
                }
            }
            long thirdSize = 0;
            for (int i = 0; i < secondSize; i++) {
                int[] list = listOf(outer, second[i]);
                if (list == null) {
                    continue;
                }
                for (int z : list) {
                    if (stamps[z] != stamp) {
                        stamps[z] = stamp;
                        thirdSize++;
                    }
                }
            }
            return new NetworkSize(first.length, secondSize, thirdSize);
        } finally {
            scratch.queueA = second;
            scratchPool.release(scratch);
        }
    }

    /**
     * How many members are exactly two hops from {@code member}: connections of its connections
     * that are neither the member nor its own connections. The cost is the 2nd level of
     * {@link #networkSize} without the 3rd: O(Σ d(x) over x in N(member)).
     */
    public int secondDegreeCount(int member) {
        checkMember("member", member);
        int[][] outer = lists;
        int[] first = listOf(outer, member);
        if (first == null) {
            return 0;
        }
        Scratch scratch = scratchPool.acquire(outer.length);
        try {
            int[] stamps = scratch.stamps;
            int stamp = scratch.freshStamps(1);
            stamps[member] = stamp;
            for (int x : first) {
                stamps[x] = stamp;
            }
            int count = 0;
            for (int x : first) {
                int[] list = listOf(outer, x);
                if (list == null) {
                    continue;
                }
                for (int y : list) {
                    if (stamps[y] != stamp) {
                        stamps[y] = stamp;
                        count++;
                    }
                }
            }
            return count;
        } finally {
            scratchPool.release(scratch);
        }
    }

    /**
     * People You May Know from the graph alone: members two hops from {@code member} (not the
     * member, not already connected, not {@code excluded}), ranked by the Adamic–Adar index, the
     * sum over shared connections z of 1 / ln(d(z)), so that a shared connection with few
     * connections of their own says more than a shared hub. Ties go to more shared connections,
     * then to the lower id. Returns at most {@code limit} suggestions with exact mutual counts and
     * scores.
     *
     * <p><b>Budget.</b> The scan visits the member's connections from the least to the most
     * connected and adds up their lists; it stops before a connection whose list would take the
     * entries read past {@code budget}. Hubs are what it skips: their lists are the longest and
     * each of their entries carries the smallest weight. The result then says it is not
     * {@link Suggestions#complete()}, and the winners' counts and scores are recomputed exactly
     * by intersection, so what is shown is always true even when a candidate reachable only
     * through a skipped hub was missed.
     *
     * <p>Cost: O(d log d) to order the member's connections, O(min(budget, Σ d(x))) to tally,
     * O(c log limit) to select among the c candidates, plus O(limit · (d + d(c))) for the exact
     * recount when the budget was hit. Working memory: the pooled scratch (4 + 12 bytes per
     * possible id once suggestions are used).
     *
     * @param excluded a filter applied to each candidate before ranking (pending invitations,
     *                 dismissed or blocked members); may be {@code null}
     * @throws IllegalArgumentException if {@code member} is out of range, {@code limit} is negative
     *     or {@code budget} is not positive
     */
    public Suggestions suggest(int member, int limit, java.util.function.IntPredicate excluded, long budget) {
        checkMember("member", member);
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, was " + limit);
        }
        if (budget <= 0) {
            throw new IllegalArgumentException("budget must be positive, was " + budget);
        }
        int[][] outer = lists;
        int[] first = listOf(outer, member);
        if (first == null || limit == 0) {
            return Suggestions.NONE;
        }
        Scratch scratch = scratchPool.acquire(outer.length);
        scratch.ensureTallies(outer.length);
        long[] order = scratch.keys;
        int[] candidates = scratch.queueA;
        int[] heap = scratch.queueB;
        try {
            int[] stamps = scratch.stamps;
            int[] counts = scratch.counts;
            double[] weights = scratch.weights;
            int own = scratch.freshStamps(2);
            int seen = own + 1;
            stamps[member] = own;
            if (order.length < first.length) {
                order = new long[Math.max(first.length, order.length * 2)];
            }
            int friends = 0;
            for (int x : first) {
                stamps[x] = own;
                int[] list = listOf(outer, x);
                if (list != null) {
                    order[friends++] = (long) list.length << 32 | x;
                }
            }
            Arrays.sort(order, 0, friends);
            boolean complete = true;
            long read = 0;
            int candidateCount = 0;
            for (int i = 0; i < friends; i++) {
                int x = (int) order[i];
                int[] list = listOf(outer, x);
                if (list == null) {
                    continue;
                }
                if (read + list.length > budget) {
                    complete = false;
                    break;
                }
                read += list.length;
                double weight = 1.0 / Math.log(Math.max(2, list.length));
                for (int y : list) {
                    int stamp = stamps[y];
                    if (stamp == own) {
                        continue;
                    }
                    if (stamp != seen) {
                        stamps[y] = seen;
                        counts[y] = 0;
                        weights[y] = 0;
                        candidates = Scratch.ensureRoom(candidates, candidateCount);
                        candidates[candidateCount++] = y;
                    }
                    counts[y]++;
                    weights[y] += weight;
                }
            }
            // Keep the best `limit` in a min-heap whose root is the weakest kept candidate.
            int kept = 0;
            if (heap.length < Math.min(limit, candidateCount)) {
                heap = new int[Math.min(limit, candidateCount)];
            }
            for (int i = 0; i < candidateCount; i++) {
                int c = candidates[i];
                if (excluded != null && excluded.test(c)) {
                    continue;
                }
                if (kept < limit) {
                    heap[kept] = c;
                    siftUp(heap, kept++, counts, weights);
                } else if (better(c, heap[0], counts, weights)) {
                    heap[0] = c;
                    siftDown(heap, kept, counts, weights);
                }
            }
            int[] members = new int[kept];
            for (int i = kept - 1; i >= 0; i--) {
                members[i] = heap[0];
                heap[0] = heap[i];
                siftDown(heap, i, counts, weights);
            }
            int[] mutual = new int[kept];
            double[] scores = new double[kept];
            for (int i = 0; i < kept; i++) {
                int c = members[i];
                if (complete) {
                    mutual[i] = counts[c];
                    scores[i] = weights[c];
                } else {
                    int[] theirs = listOf(outer, c);
                    if (theirs == null) {
                        continue; // disconnected by a concurrent write since it was tallied
                    }
                    int[] shared = new int[Math.min(first.length, theirs.length)];
                    int n = IntSets.intersect(first, theirs, shared);
                    mutual[i] = n;
                    scores[i] = adamicAdar(outer, shared, n);
                }
            }
            return new Suggestions(members, mutual, scores, complete);
        } finally {
            scratch.keys = order;
            scratch.queueA = candidates;
            scratch.queueB = heap;
            scratchPool.release(scratch);
        }
    }

    private static double adamicAdar(int[][] outer, int[] shared, int n) {
        double score = 0;
        for (int i = 0; i < n; i++) {
            int[] list = listOf(outer, shared[i]);
            score += 1.0 / Math.log(Math.max(2, list == null ? 2 : list.length));
        }
        return score;
    }

    /** Whether candidate {@code a} ranks above {@code b}: higher score, then more shared, then lower id. */
    private static boolean better(int a, int b, int[] counts, double[] weights) {
        if (weights[a] != weights[b]) {
            return weights[a] > weights[b];
        }
        if (counts[a] != counts[b]) {
            return counts[a] > counts[b];
        }
        return a < b;
    }

    private static void siftUp(int[] heap, int i, int[] counts, double[] weights) {
        int c = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!better(heap[parent], c, counts, weights)) {
                break;
            }
            heap[i] = heap[parent];
            i = parent;
        }
        heap[i] = c;
    }

    private static void siftDown(int[] heap, int size, int[] counts, double[] weights) {
        if (size == 0) {
            return;
        }
        int c = heap[0];
        int i = 0;
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && better(heap[child], heap[child + 1], counts, weights)) {
                child++;
            }
            if (!better(c, heap[child], counts, weights)) {
                break;
            }
            heap[i] = heap[child];
            i = child;
        }
        heap[i] = c;
    }

    /**
     * A shortest path from {@code from} to {@code to} of at most {@code maxHops} connections, as
     * the members along it, both ends included ({@code [from]} when they are the same member); an
     * empty array when there is none that short.
     *
     * <p>Bidirectional breadth-first search: one frontier grows from each end, a level at a time,
     * always the one whose next level reads fewer list entries, until an edge joins them. The
     * answer is deterministic for a given graph (frontiers are scanned in discovery order, lists in
     * ascending order, and the first joining edge found wins), though not necessarily the
     * lexicographically smallest of several equally short paths.
     *
     * @throws IllegalArgumentException if an id or {@code maxHops} is negative
     */
    public int[] shortestPath(int from, int to, int maxHops) {
        checkMember("from", from);
        checkMember("to", to);
        if (maxHops < 0) {
            throw new IllegalArgumentException("maxHops must not be negative, was " + maxHops);
        }
        if (from == to) {
            return new int[] {from};
        }
        int[][] outer = lists;
        int[] listFrom = listOf(outer, from);
        int[] listTo = listOf(outer, to);
        if (maxHops == 0 || listFrom == null || listTo == null) {
            return NONE;
        }
        Scratch scratch = scratchPool.acquire(outer.length);
        scratch.ensureParents(outer.length);
        int[] forward = scratch.queueA;
        int[] backward = scratch.queueB;
        int[] next = scratch.queueC;
        try {
            int[] stamps = scratch.stamps;
            int[] parents = scratch.parents;
            int forwardStamp = scratch.freshStamps(2);
            int backwardStamp = forwardStamp + 1;
            stamps[from] = forwardStamp;
            parents[from] = -1;
            stamps[to] = backwardStamp;
            parents[to] = -1;
            forward[0] = from;
            backward[0] = to;
            int forwardSize = 1;
            int backwardSize = 1;
            // A side's cost is the number of list entries its next expansion reads: the sum of
            // its frontier's degrees. Summing it means loading the list of every member of the
            // frontier, a cache miss each, so it is summed lazily, only as far as the choice of
            // side needs: forwardSummed members of the forward frontier are in forwardCost, and
            // a side is summed only while it is not already dearer than the other side's sum so
            // far. The choice is the one the full sums would give (see chooseForward).
            long forwardCost = listFrom.length;
            long backwardCost = listTo.length;
            int forwardSummed = 1;
            int backwardSummed = 1;
            for (int hops = 0; hops < maxHops && forwardSize > 0 && backwardSize > 0; hops++) {
                // Settle which side is cheaper, summing no more of either than that takes.
                while (true) {
                    if (forwardCost <= backwardCost) {
                        if (forwardSummed == forwardSize) {
                            break;
                        }
                        while (forwardSummed < forwardSize && forwardCost <= backwardCost) {
                            int[] list = listOf(outer, forward[forwardSummed++]);
                            forwardCost += list == null ? 0 : list.length;
                        }
                    } else {
                        if (backwardSummed == backwardSize) {
                            break;
                        }
                        while (backwardSummed < backwardSize && backwardCost < forwardCost) {
                            int[] list = listOf(outer, backward[backwardSummed++]);
                            backwardCost += list == null ? 0 : list.length;
                        }
                    }
                }
                boolean expandForward = forwardCost <= backwardCost;
                int[] frontier = expandForward ? forward : backward;
                int frontierSize = expandForward ? forwardSize : backwardSize;
                int own = expandForward ? forwardStamp : backwardStamp;
                int other = expandForward ? backwardStamp : forwardStamp;
                int nextSize = 0;
                for (int i = 0; i < frontierSize; i++) {
                    int u = frontier[i];
                    int[] list = listOf(outer, u);
                    if (list == null) {
                        continue;
                    }
                    for (int v : list) {
                        int seen = stamps[v];
                        if (seen == other) {
                            return expandForward
                                    ? joinedPath(parents, u, v)
                                    : joinedPath(parents, v, u);
                        }
                        if (seen != own) {
                            stamps[v] = own;
                            parents[v] = u;
                            next = Scratch.ensureRoom(next, nextSize);
                            next[nextSize++] = v;
                        }
                    }
                }
                // The expanded side's old frontier buffer becomes the spare for the next level.
                if (expandForward) {
                    int[] spare = forward;
                    forward = next;
                    forwardSize = nextSize;
                    forwardCost = 0;
                    forwardSummed = 0;
                    next = spare;
                } else {
                    int[] spare = backward;
                    backward = next;
                    backwardSize = nextSize;
                    backwardCost = 0;
                    backwardSummed = 0;
                    next = spare;
                }
            }
            return NONE;
        } finally {
            scratch.queueA = forward;
            scratch.queueB = backward;
            scratch.queueC = next;
            scratchPool.release(scratch);
        }
    }

    /**
     * The path {@code from ... forwardEnd, backwardEnd ... to}, following parents from each end of
     * the joining edge back to its root (marked by parent -1).
     */
    private static int[] joinedPath(int[] parents, int forwardEnd, int backwardEnd) {
        int forwardLength = 0;
        for (int m = forwardEnd; m != -1; m = parents[m]) {
            forwardLength++;
        }
        int backwardLength = 0;
        for (int m = backwardEnd; m != -1; m = parents[m]) {
            backwardLength++;
        }
        int[] path = new int[forwardLength + backwardLength];
        int i = forwardLength - 1;
        for (int m = forwardEnd; m != -1; m = parents[m]) {
            path[i--] = m;
        }
        i = forwardLength;
        for (int m = backwardEnd; m != -1; m = parents[m]) {
            path[i++] = m;
        }
        return path;
    }

    /** The number of connections (unordered pairs). */
    public long edgeCount() {
        return edgeCount;
    }

    /** The number of members with at least one connection. */
    public int memberCount() {
        return memberCount;
    }

    @Override
    public String toString() {
        return "ConnectionGraph[members=" + memberCount + ", edges=" + edgeCount + "]";
    }

    // ----------------------------------------------------------------------------------------

    /** The published list of {@code member} in {@code outer}, or {@code null}; an acquire load. */
    private static int[] listOf(int[][] outer, int member) {
        return member < outer.length ? (int[]) SLOT.getAcquire(outer, member) : null;
    }

    /** Binary search for one end in the other's list, whichever list is shorter. */
    private static boolean connected(int[] listA, int a, int[] listB, int b) {
        return listA.length <= listB.length
                ? Arrays.binarySearch(listA, b) >= 0
                : Arrays.binarySearch(listB, a) >= 0;
    }

    private static void checkMember(String name, int id) {
        if (id < 0 || id > MAX_MEMBER_ID) {
            throw new IllegalArgumentException(String.format(
                    "%s must be a member id between 0 and %d, was %d", name, MAX_MEMBER_ID, id));
        }
    }
}
