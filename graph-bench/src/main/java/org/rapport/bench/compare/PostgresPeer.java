package org.rapport.bench.compare;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * PostgreSQL with the server's schema for connections: one row per pair as
 * {@code (member_lo, member_hi)} with {@code member_lo < member_hi}, the primary key on
 * {@code (member_lo, member_hi)} and the reverse index on {@code (member_hi, member_lo)}
 * (without the server's audit columns and foreign keys, which no query here reads). Loaded with
 * {@code COPY}, keys and index built afterwards, then {@code ANALYZE}. Every query is SQL over the
 * view {@code adj(src, dst)}, both directions of each row ({@code UNION ALL} of the two indexes):
 * joins for mutual counts, the 2nd degree and suggestions (ranked by mutual count, the shared
 * connections of every candidate aggregated in the same pass), {@code EXISTS} over one, two and three joins for
 * the degree, and for chains a bidirectional breadth-first search driven from Java, one
 * {@code SELECT DISTINCT dst FROM adj WHERE src = ANY(?)} per level on the smaller frontier (a
 * recursive CTE would enumerate paths, which explodes long before six hops).
 *
 * <p>The session turns parallel query off ({@code max_parallel_workers_per_gather = 0}), the usual
 * setting for short OLTP queries; otherwise the server's configuration is Debian's default.
 *
 * <p>Runs in its own database ({@value #DATABASE} by default, created if missing) so that it
 * never touches the schemas of the server's tests.
 */
final class PostgresPeer implements Peer {

    static final String DATABASE = "rapport_bench";

    private final String host;
    private final String user;
    private Connection connection;
    private PreparedStatement degree;
    private PreparedStatement mutual;
    private PreparedStatement second;
    private PreparedStatement suggest;
    private PreparedStatement expand;

    PostgresPeer(String host, String user) {
        this.host = host;
        this.user = user;
    }

    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public String ranking() {
        return "mutual count, then lower id";
    }

    /** Whether a server answers at {@code host} (for tests that skip without one). */
    static boolean reachable(String host, String user) {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + host + "/postgres?connectTimeout=2", user, "")) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void load(PeerGraph graph) throws SQLException {
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://" + host + "/postgres", user, "");
             Statement s = admin.createStatement();
             ResultSet exists = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
            if (!exists.next()) {
                s.execute("CREATE DATABASE " + DATABASE);
            }
        }
        connection = DriverManager.getConnection("jdbc:postgresql://" + host + "/" + DATABASE, user, "");
        try (Statement s = connection.createStatement()) {
            // Point queries of a few milliseconds: starting parallel workers costs more than it
            // saves on two cores (measured: a 20 ms suggestion took 150 ms with two workers).
            s.execute("SET max_parallel_workers_per_gather = 0");
            s.execute("DROP VIEW IF EXISTS adj");
            s.execute("DROP TABLE IF EXISTS connections");
            s.execute("CREATE TABLE connections (member_lo BIGINT NOT NULL, member_hi BIGINT NOT NULL)");
        }
        copy(graph);
        try (Statement s = connection.createStatement()) {
            s.execute("SET maintenance_work_mem = '1GB'");
            s.execute("ALTER TABLE connections ADD PRIMARY KEY (member_lo, member_hi)");
            s.execute("ALTER TABLE connections ADD CHECK (member_lo < member_hi)");
            s.execute("CREATE INDEX connections_hi ON connections (member_hi, member_lo)");
            s.execute("CREATE VIEW adj AS SELECT member_lo AS src, member_hi AS dst FROM connections "
                    + "UNION ALL SELECT member_hi, member_lo FROM connections");
            s.execute("VACUUM ANALYZE connections");
        }
        degree = connection.prepareStatement("""
                SELECT CASE
                  WHEN EXISTS (SELECT 1 FROM adj WHERE src = ? AND dst = ?) THEN 1
                  WHEN EXISTS (SELECT 1 FROM adj x JOIN adj y ON y.dst = x.dst
                               WHERE x.src = ? AND y.src = ?) THEN 2
                  WHEN EXISTS (SELECT 1 FROM adj x JOIN adj m ON m.src = x.dst JOIN adj y ON y.dst = m.dst
                               WHERE x.src = ? AND y.src = ?) THEN 3
                  ELSE 0 END""");
        mutual = connection.prepareStatement(
                "SELECT count(*) FROM adj x JOIN adj y ON y.dst = x.dst WHERE x.src = ? AND y.src = ?");
        second = connection.prepareStatement("""
                SELECT count(DISTINCT y.dst) FROM adj x JOIN adj y ON y.src = x.dst
                WHERE x.src = ? AND y.dst <> ?
                  AND NOT EXISTS (SELECT 1 FROM adj z WHERE z.src = ? AND z.dst = y.dst)""");
        suggest = connection.prepareStatement("""
                SELECT y.dst, count(*) AS mutual, array_agg(x.dst) AS reasons
                FROM adj x JOIN adj y ON y.src = x.dst
                WHERE x.src = ? AND y.dst <> ?
                  AND NOT EXISTS (SELECT 1 FROM adj z WHERE z.src = ? AND z.dst = y.dst)
                GROUP BY y.dst ORDER BY mutual DESC, y.dst LIMIT ?""");
        expand = connection.prepareStatement("SELECT DISTINCT dst FROM adj WHERE src = ANY(?)");
    }

    /** Streams the pairs into {@code COPY connections FROM STDIN} in text format, a megabyte at a time. */
    private void copy(PeerGraph graph) throws SQLException {
        CopyIn in = connection.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY connections (member_lo, member_hi) FROM STDIN");
        try {
            StringBuilder chunk = new StringBuilder(1 << 20);
            for (int i = 0; i < graph.count(); i++) {
                chunk.append(graph.lo()[i]).append('\t').append(graph.hi()[i]).append('\n');
                if (chunk.length() > (1 << 20) - 32) {
                    byte[] bytes = chunk.toString().getBytes(StandardCharsets.US_ASCII);
                    in.writeToCopy(bytes, 0, bytes.length);
                    chunk.setLength(0);
                }
            }
            byte[] bytes = chunk.toString().getBytes(StandardCharsets.US_ASCII);
            in.writeToCopy(bytes, 0, bytes.length);
            in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }

    @Override
    public int degree(int a, int b) throws SQLException {
        degree.setLong(1, a);
        degree.setLong(2, b);
        degree.setLong(3, a);
        degree.setLong(4, b);
        degree.setLong(5, a);
        degree.setLong(6, b);
        int d = singleInt(degree);
        return d == 0 ? BEYOND : d;
    }

    @Override
    public int mutualCount(int a, int b) throws SQLException {
        mutual.setLong(1, a);
        mutual.setLong(2, b);
        return singleInt(mutual);
    }

    @Override
    public int secondDegreeCount(int member) throws SQLException {
        second.setLong(1, member);
        second.setLong(2, member);
        second.setLong(3, member);
        return singleInt(second);
    }

    @Override
    public int chainLength(int a, int b, int maxHops) throws SQLException {
        if (a == b) {
            return 0;
        }
        Set<Long> seenForward = new HashSet<>(List.of((long) a));
        Set<Long> seenBackward = new HashSet<>(List.of((long) b));
        List<Long> forward = List.of((long) a);
        List<Long> backward = List.of((long) b);
        for (int hops = 1; hops <= maxHops && !forward.isEmpty() && !backward.isEmpty(); hops++) {
            boolean expandForward = forward.size() <= backward.size();
            Set<Long> own = expandForward ? seenForward : seenBackward;
            Set<Long> other = expandForward ? seenBackward : seenForward;
            List<Long> next = new ArrayList<>();
            Array ids = connection.createArrayOf("bigint", (expandForward ? forward : backward).toArray());
            expand.setArray(1, ids);
            try (ResultSet rows = expand.executeQuery()) {
                while (rows.next()) {
                    long v = rows.getLong(1);
                    if (other.contains(v)) {
                        return hops;
                    }
                    if (own.add(v)) {
                        next.add(v);
                    }
                }
            } finally {
                ids.free();
            }
            if (expandForward) {
                forward = next;
            } else {
                backward = next;
            }
        }
        return NO_CHAIN;
    }

    @Override
    public Suggested peopleYouMayKnow(int member, int limit) throws SQLException {
        suggest.setLong(1, member);
        suggest.setLong(2, member);
        suggest.setLong(3, member);
        suggest.setInt(4, limit);
        List<int[]> rows = new ArrayList<>();
        List<int[]> reasons = new ArrayList<>();
        try (ResultSet r = suggest.executeQuery()) {
            while (r.next()) {
                rows.add(new int[] {(int) r.getLong(1), (int) r.getLong(2)});
                Long[] shared = (Long[]) r.getArray(3).getArray();
                int[] ints = new int[shared.length];
                for (int i = 0; i < ints.length; i++) {
                    ints[i] = shared[i].intValue();
                }
                // Sorted here: array_agg(... ORDER BY ...) runs one sort per candidate group,
                // which cost 0.5 s per query on the 1M network (measured).
                java.util.Arrays.sort(ints);
                reasons.add(ints);
            }
        }
        int[] members = new int[rows.size()];
        int[] counts = new int[rows.size()];
        for (int i = 0; i < members.length; i++) {
            members[i] = rows.get(i)[0];
            counts[i] = rows.get(i)[1];
        }
        return new Suggested(members, counts, reasons.toArray(new int[0][]));
    }

    private static int singleInt(PreparedStatement statement) throws SQLException {
        try (ResultSet r = statement.executeQuery()) {
            r.next();
            return r.getInt(1);
        }
    }

    @Override
    public void close() throws SQLException {
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }
}
