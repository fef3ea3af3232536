package org.rapport.server.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import org.rapport.server.search.PeopleIndex;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.json.JsonMapper;

/** {@code rapport search reindex}: rebuilds the people search index from the database. */
@Command(name = "search", description = "The people search index: reindex.",
        subcommands = {SearchCommand.Reindex.class})
final class SearchCommand {

    @ParentCommand
    RapportCli root;

    @Command(name = "reindex", description = "Rebuild the search index from the database: {members, millis}. "
            + "Stop the server first: it holds the index.")
    static final class Reindex implements Callable<Integer> {
        @ParentCommand
        SearchCommand search;

        @Override
        public Integer call() {
            try (ConfigurableApplicationContext ctx = search.root.startQuietly()) {
                PeopleIndex index = ctx.getBean(PeopleIndex.class);
                long started = System.nanoTime();
                long count = index.rebuild();
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("members", count);
                out.put("millis", (System.nanoTime() - started) / 1_000_000);
                System.out.println(ctx.getBean(JsonMapper.class).writerWithDefaultPrettyPrinter().writeValueAsString(out));
                return 0;
            } catch (IllegalStateException e) {
                throw new CliException(e.getMessage());
            }
        }
    }
}
