package org.rapport.server.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.rapport.graph.Distances;
import org.rapport.server.connection.ConnectionFilter;
import org.rapport.server.connection.ConnectionRepository;
import org.rapport.server.connection.ConnectionSort;
import org.rapport.server.member.MemberRepository;
import org.rapport.server.member.MemberSummary;
import org.rapport.server.network.Degree;
import org.rapport.server.network.GraphIndex;
import org.rapport.server.network.NetworkService;
import org.rapport.server.system.PageRequest;
import org.rapport.server.suggestion.Reason;
import org.rapport.server.suggestion.Suggestion;
import org.rapport.server.suggestion.SuggestionService;
import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.json.JsonMapper;

/** {@code rapport graph stats|degree|mutual|path|connections}: graph answers as JSON. */
@Command(name = "graph", description = "Ask the connection graph: stats, degree, mutual, path, connections, suggest.",
        subcommands = {GraphCommand.Stats.class, GraphCommand.DegreeOf.class, GraphCommand.Mutual.class,
                GraphCommand.Path.class, GraphCommand.Connections.class, GraphCommand.Suggest.class})
final class GraphCommand {

    @ParentCommand
    RapportCli root;

    /** Runs a query against a quietly started application and prints its JSON. */
    int query(java.util.function.Function<ConfigurableApplicationContext, Object> body) {
        try (ConfigurableApplicationContext ctx = root.startQuietly()) {
            Object result = body.apply(ctx);
            System.out.println(ctx.getBean(JsonMapper.class).writerWithDefaultPrettyPrinter()
                    .writeValueAsString(result));
            return 0;
        }
    }

    /** A member id, {@code ext:<externalId>} or an e-mail address. */
    static long resolve(ConfigurableApplicationContext ctx, String ref) {
        MemberRepository members = ctx.getBean(MemberRepository.class);
        if (ref.startsWith("ext:")) {
            return members.findIdByExternalId(ref.substring(4))
                    .orElseThrow(() -> new CliException("no member with external id " + ref.substring(4)));
        }
        if (ref.contains("@")) {
            return members.findIdByEmail(ref.strip().toLowerCase(java.util.Locale.ROOT))
                    .orElseThrow(() -> new CliException("no member with e-mail " + ref));
        }
        long id;
        try {
            id = Long.parseLong(ref);
        } catch (NumberFormatException e) {
            throw new CliException("not a member reference: " + ref + " (use an id, ext:<externalId> or an e-mail)");
        }
        if (!members.exists(id)) {
            throw new CliException("no member with id " + id);
        }
        return id;
    }

    static Map<String, Object> member(MemberSummary s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", Long.toString(s.id()));
        m.put("name", s.name());
        return m;
    }

    static List<Map<String, Object>> members(ConfigurableApplicationContext ctx, long[] ids) {
        List<Long> list = new ArrayList<>(ids.length);
        for (long id : ids) {
            list.add(id);
        }
        return ctx.getBean(MemberRepository.class).findSummariesInOrder(list).stream()
                .map(GraphCommand::member).toList();
    }

    @Command(name = "stats", description = "Members and connections: {members, connections}.")
    static final class Stats implements Callable<Integer> {
        @ParentCommand
        GraphCommand graph;

        @Override
        public Integer call() {
            return graph.query(ctx -> {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("members", ctx.getBean(MemberRepository.class).count());
                out.put("connections", ctx.getBean(GraphIndex.class).graph().edgeCount());
                return out;
            });
        }
    }

    @Command(name = "degree", description = "How far B is from A: {degree, distance} (capped at 3).")
    static final class DegreeOf implements Callable<Integer> {
        @ParentCommand
        GraphCommand graph;
        @Parameters(index = "0", paramLabel = "A")
        String a;
        @Parameters(index = "1", paramLabel = "B")
        String b;

        @Override
        public Integer call() {
            return graph.query(ctx -> {
                long ia = resolve(ctx, a);
                long ib = resolve(ctx, b);
                int distance = ctx.getBean(GraphIndex.class).graph()
                        .distance(GraphIndex.vertex(ia), GraphIndex.vertex(ib));
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("degree", Degree.ofDistance(distance));
                out.put("distance", distance == Distances.BEYOND ? null : distance);
                return out;
            });
        }
    }

    @Command(name = "mutual", description = "Connections A and B share: {count, members}.")
    static final class Mutual implements Callable<Integer> {
        @ParentCommand
        GraphCommand graph;
        @Parameters(index = "0", paramLabel = "A")
        String a;
        @Parameters(index = "1", paramLabel = "B")
        String b;

        @Override
        public Integer call() {
            return graph.query(ctx -> {
                long[] ids = ctx.getBean(NetworkService.class).allMutualIds(resolve(ctx, a), resolve(ctx, b));
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("count", ids.length);
                out.put("members", members(ctx, ids));
                return out;
            });
        }
    }

    @Command(name = "path", description = "The shortest chain from A to B, up to 6 hops: {degree, path}.")
    static final class Path implements Callable<Integer> {
        @ParentCommand
        GraphCommand graph;
        @Parameters(index = "0", paramLabel = "A")
        String a;
        @Parameters(index = "1", paramLabel = "B")
        String b;

        @Override
        public Integer call() {
            return graph.query(ctx -> {
                NetworkService network = ctx.getBean(NetworkService.class);
                long ia = resolve(ctx, a);
                long ib = resolve(ctx, b);
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("degree", network.degree(ia, ib));
                out.put("path", members(ctx, network.fullPath(ia, ib)));
                return out;
            });
        }
    }

    @Command(name = "connections", description = "A's connections with the date each was made.")
    static final class Connections implements Callable<Integer> {
        @ParentCommand
        GraphCommand graph;
        @Parameters(index = "0", paramLabel = "A")
        String a;
        @Option(names = "--sort", defaultValue = "recent", description = "recent, first_name or last_name")
        String sort;
        @Option(names = "--limit", defaultValue = "1000", description = "At most this many (default 1000)")
        int limit;

        @Override
        public Integer call() {
            return graph.query(ctx -> {
                long id = resolve(ctx, a);
                ConnectionRepository repo = ctx.getBean(ConnectionRepository.class);
                ConnectionSort order = ConnectionSort.parse(sort);
                List<Map<String, Object>> items = new ArrayList<>();
                String cursor = null;
                do {
                    int want = Math.min(PageRequest.MAX_LIMIT, limit - items.size());
                    ConnectionRepository.Slice slice = repo.page(id, order, ConnectionFilter.none(), null,
                            new PageRequest(want, cursor));
                    for (ConnectionRepository.Row row : slice.rows()) {
                        Map<String, Object> m = member(row.member());
                        m.put("connectedAt", row.connectedAt().toString());
                        items.add(m);
                    }
                    cursor = slice.nextCursor();
                } while (cursor != null && items.size() < limit);
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("member", Long.toString(id));
                out.put("total", ctx.getBean(NetworkService.class).connectionCount(id));
                out.put("connections", items);
                return out;
            });
        }
    }

    @Command(name = "suggest", description = "People A may know, best first, with the reasons for each.")
    static final class Suggest implements Callable<Integer> {
        @ParentCommand
        GraphCommand graph;
        @Parameters(index = "0", paramLabel = "A")
        String a;
        @Option(names = "--limit", defaultValue = "20", description = "How many, 1 to 100 (default 20)")
        int limit;

        @Override
        public Integer call() {
            if (limit < 1 || limit > 100) {
                throw new CliException("--limit must be between 1 and 100");
            }
            return graph.query(ctx -> {
                long id = resolve(ctx, a);
                List<Map<String, Object>> items = new ArrayList<>();
                for (Suggestion s : ctx.getBean(SuggestionService.class).suggest(id, limit)) {
                    Map<String, Object> item = member(s.card().member());
                    item.put("degree", s.card().degree());
                    item.put("mutualConnectionCount", s.card().mutualConnectionCount());
                    item.put("score", Math.round(s.score() * 1000) / 1000.0);
                    List<Map<String, Object>> reasons = new ArrayList<>();
                    for (Reason r : s.reasons()) {
                        Map<String, Object> reason = new LinkedHashMap<>();
                        reason.put("kind", r.kind());
                        reason.put("detail", r.detail());
                        if (!r.members().isEmpty()) {
                            reason.put("members", r.members().stream().map(GraphCommand::member).toList());
                        }
                        reasons.add(reason);
                    }
                    item.put("reasons", reasons);
                    items.add(item);
                }
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("member", Long.toString(id));
                out.put("suggestions", items);
                return out;
            });
        }
    }
}
