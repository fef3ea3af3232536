package org.rapport.bench.compare.neo4j;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.RelationshipType;
import org.neo4j.graphdb.Result;
import org.neo4j.graphdb.Transaction;
import org.neo4j.io.ByteUnit;
import org.rapport.bench.compare.Peer;
import org.rapport.bench.compare.PeerGraph;

/**
 * Neo4j 5.26 Community, embedded: one {@code (:Member {id})} node per member and one
 * {@code [:KNOWS]} relationship per connection (stored once, matched in both directions), a
 * uniqueness constraint (and so an index) on {@code Member.id}. Loaded through the core API in
 * transactions of {@value #BATCH} nodes or relationships, the constraint created after the nodes.
 * Every query is Cypher with parameters, in its own read transaction:
 * <ul>
 *   <li>degree: {@code shortestPath((a)-[:KNOWS*..3]-(b))}, Neo4j's bidirectional BFS;</li>
 *   <li>chain: {@code shortestPath((a)-[:KNOWS*..6]-(b))};</li>
 *   <li>mutual count: {@code (a)-[:KNOWS]-(f)-[:KNOWS]-(b)} counted;</li>
 *   <li>2nd degree: friends of friends that are neither the member nor a friend, counted distinct;</li>
 *   <li>suggestions: the friend-of-friend count query, ranked by mutual count then id, top 20, then
 *       the shared friends of those 20 collected as reasons.</li>
 * </ul>
 * The store lives in a folder that is wiped before loading; no Bolt or HTTP connector is opened.
 * The page cache (off heap) is set by the constructor; the heap is the harness JVM's.
 */
public final class Neo4jPeer implements Peer {

    static final int BATCH = 50_000;
    private static final Label MEMBER = Label.label("Member");
    private static final RelationshipType KNOWS = RelationshipType.withName("KNOWS");

    private static final String DEGREE = """
            MATCH (a:Member {id: $a}), (b:Member {id: $b})
            MATCH p = shortestPath((a)-[:KNOWS*..3]-(b))
            RETURN length(p) AS hops""";
    private static final String CHAIN = """
            MATCH (a:Member {id: $a}), (b:Member {id: $b})
            MATCH p = shortestPath((a)-[:KNOWS*..6]-(b))
            RETURN length(p) AS hops""";
    private static final String MUTUAL = """
            MATCH (a:Member {id: $a})-[:KNOWS]-(f)-[:KNOWS]-(b:Member {id: $b})
            RETURN count(f) AS mutual""";
    private static final String SECOND = """
            MATCH (m:Member {id: $m})-[:KNOWS]-(f)-[:KNOWS]-(c)
            WHERE c <> m AND NOT EXISTS { (m)-[:KNOWS]-(c) }
            RETURN count(DISTINCT c) AS second""";
    private static final String SUGGEST = """
            MATCH (m:Member {id: $m})-[:KNOWS]-(f)-[:KNOWS]-(c)
            WHERE c <> m AND NOT EXISTS { (m)-[:KNOWS]-(c) }
            WITH m, c, count(f) AS mutual
            ORDER BY mutual DESC, c.id ASC
            LIMIT $limit
            MATCH (m)-[:KNOWS]-(f)-[:KNOWS]-(c)
            WITH c, mutual, f.id AS reason ORDER BY reason
            WITH c.id AS id, mutual, collect(reason) AS reasons
            RETURN id, mutual, reasons ORDER BY mutual DESC, id ASC""";

    private final Path folder;
    private final String pageCache;
    private DatabaseManagementService dbms;
    private GraphDatabaseService db;

    /**
     * @param folder    where the store goes; deleted first if it exists
     * @param pageCache page cache size, e.g. {@code 2g}
     */
    public Neo4jPeer(Path folder, String pageCache) {
        this.folder = folder;
        this.pageCache = pageCache;
    }

    @Override
    public String name() {
        return "neo4j";
    }

    @Override
    public String ranking() {
        return "mutual count, then lower id (Cypher friend-of-friend count)";
    }

    @Override
    @SuppressWarnings("deprecation")
    public void load(PeerGraph graph) {
        deleteRecursively(folder);
        dbms = new DatabaseManagementServiceBuilder(folder.toAbsolutePath())
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.parse(pageCache))
                .setConfig(GraphDatabaseSettings.keep_logical_logs, "false")
                .setConfig(BoltConnector.enabled, false)
                .build();
        db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        int[] members = graph.members();
        long[] nodes = new long[graph.maxId() + 1];
        for (int from = 0; from < members.length; from += BATCH) {
            try (Transaction tx = db.beginTx()) {
                for (int i = from; i < Math.min(members.length, from + BATCH); i++) {
                    Node node = tx.createNode(MEMBER);
                    node.setProperty("id", (long) members[i]);
                    nodes[members[i]] = node.getId();
                }
                tx.commit();
            }
        }
        try (Transaction tx = db.beginTx()) {
            tx.execute("CREATE CONSTRAINT member_id IF NOT EXISTS FOR (m:Member) REQUIRE m.id IS UNIQUE").close();
            tx.commit();
        }
        for (int from = 0; from < graph.count(); from += BATCH) {
            try (Transaction tx = db.beginTx()) {
                for (int i = from; i < Math.min(graph.count(), from + BATCH); i++) {
                    Node a = tx.getNodeById(nodes[graph.lo()[i]]);
                    a.createRelationshipTo(tx.getNodeById(nodes[graph.hi()[i]]), KNOWS);
                }
                tx.commit();
            }
        }
        try (Transaction tx = db.beginTx()) {
            tx.schema().awaitIndexesOnline(30, TimeUnit.MINUTES);
        }
    }

    @Override
    public int degree(int a, int b) {
        int hops = hops(DEGREE, a, b);
        return hops < 0 ? BEYOND : hops;
    }

    @Override
    public int chainLength(int a, int b, int maxHops) {
        if (maxHops != 6) {
            throw new IllegalArgumentException("the chain query is written for 6 hops, asked " + maxHops);
        }
        return hops(CHAIN, a, b);
    }

    private int hops(String query, int a, int b) {
        try (Transaction tx = db.beginTx(); Result result = tx.execute(query, Map.of("a", (long) a, "b", (long) b))) {
            return result.hasNext() ? ((Number) result.next().get("hops")).intValue() : -1;
        }
    }

    @Override
    public int mutualCount(int a, int b) {
        try (Transaction tx = db.beginTx(); Result result = tx.execute(MUTUAL, Map.of("a", (long) a, "b", (long) b))) {
            return ((Number) result.next().get("mutual")).intValue();
        }
    }

    @Override
    public int secondDegreeCount(int member) {
        try (Transaction tx = db.beginTx(); Result result = tx.execute(SECOND, Map.of("m", (long) member))) {
            return ((Number) result.next().get("second")).intValue();
        }
    }

    @Override
    public Suggested peopleYouMayKnow(int member, int limit) {
        List<Integer> ids = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        List<int[]> reasons = new ArrayList<>();
        try (Transaction tx = db.beginTx();
             Result result = tx.execute(SUGGEST, Map.of("m", (long) member, "limit", (long) limit))) {
            while (result.hasNext()) {
                Map<String, Object> row = result.next();
                ids.add(((Number) row.get("id")).intValue());
                counts.add(((Number) row.get("mutual")).intValue());
                reasons.add(((List<?>) row.get("reasons")).stream().mapToInt(x -> ((Number) x).intValue()).toArray());
            }
        }
        return new Suggested(ids.stream().mapToInt(Integer::intValue).toArray(),
                counts.stream().mapToInt(Integer::intValue).toArray(), reasons.toArray(new int[0][]));
    }

    @Override
    public void close() {
        if (dbms != null) {
            dbms.shutdown();
            dbms = null;
            db = null;
        }
    }

    private static void deleteRecursively(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear " + folder, e);
        }
    }
}
