package org.rapport.server.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import org.flywaydb.core.Flyway;
import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code rapport migrate}: applies the database migrations of this version and stops, without
 * serving (starting the application runs Flyway first). Prints the schema version.
 */
@Command(name = "migrate", description = "Apply database migrations without serving: {schemaVersion, applied}.")
final class MigrateCommand implements Callable<Integer> {

    @ParentCommand
    RapportCli root;

    @Override
    public Integer call() {
        try (ConfigurableApplicationContext ctx = root.startQuietly()) {
            Flyway flyway = ctx.getBean(Flyway.class);
            var info = flyway.info();
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("schemaVersion", info.current() == null ? null : info.current().getVersion().getVersion());
            out.put("applied", info.applied().length);
            System.out.println(ctx.getBean(JsonMapper.class).writerWithDefaultPrettyPrinter().writeValueAsString(out));
            return 0;
        }
    }
}
