package org.rapport.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.rapport.server.member.MemberRepository;
import org.rapport.server.support.PostgresTestDatabase;
import org.rapport.server.support.RequiresPostgres;

/**
 * The PostgreSQL backup of docs/operating.md, as written there: {@code pg_dump --format=custom} of
 * a Rapport database, {@code pg_restore --no-owner} into a fresh database, and Rapport starts on it
 * with the members and the contact keys it had.
 */
@ExtendWith(RequiresPostgres.class)
class PostgresDumpRestoreTest {

    @TempDir
    Path dir;

    @Test
    void aDumpRestoredIntoAFreshDatabaseServesTheSameCommunity() throws Exception {
        URI admin = URI.create(PostgresTestDatabase.adminUrl().substring("jdbc:".length()));
        String host = admin.getHost();
        String port = Integer.toString(admin.getPort() < 0 ? 5432 : admin.getPort());
        String user = PostgresTestDatabase.user();
        String suffix = Integer.toString(ThreadLocalRandom.current().nextInt(1_000_000, 10_000_000));
        String source = "rapport_dump_src_" + suffix;
        String target = "rapport_dump_dst_" + suffix;
        sql("CREATE DATABASE " + source);
        try {
            String sourceUrl = "jdbc:postgresql://" + host + ":" + port + "/" + source + "?user=" + user;
            RapportCli cli = new RapportCli();
            cli.db = sourceUrl;
            cli.dataDir = dir.toString();
            String keyHash;
            try (var ctx = cli.startQuietly()) {
                keyHash = ctx.getBean(org.rapport.server.contacts.ContactKeys.class).emailHash("someone@example.org");
                ctx.getBean(MemberRepository.class).insert("ada@example.org", "x", "s1", "Ada", "Lovelace", null,
                        Instant.parse("2026-01-05T10:00:00Z"));
            }
            Path dump = dir.resolve("rapport.dump");
            exec("pg_dump", "-h", host, "-p", port, "-U", user, "--format=custom", "--file=" + dump, source);
            sql("CREATE DATABASE " + target);
            exec("pg_restore", "-h", host, "-p", port, "-U", user, "--no-owner", "--dbname=" + target, dump.toString());

            RapportCli restored = new RapportCli();
            restored.db = "jdbc:postgresql://" + host + ":" + port + "/" + target + "?user=" + user;
            restored.dataDir = dir.resolve("restored").toString();
            try (var ctx = restored.startQuietly()) {
                assertThat(ctx.getBean(MemberRepository.class).findIdByEmail("ada@example.org")).isPresent();
                assertThat(ctx.getBean(org.rapport.server.contacts.ContactKeys.class).emailHash("someone@example.org"))
                        .as("the same keys").isEqualTo(keyHash);
            }
        } finally {
            sql("DROP DATABASE IF EXISTS " + source + " WITH (FORCE)");
            sql("DROP DATABASE IF EXISTS " + target + " WITH (FORCE)");
        }
    }

    private static void sql(String statement) throws Exception {
        try (Connection c = DriverManager.getConnection(PostgresTestDatabase.adminUrl(), PostgresTestDatabase.user(), "");
             Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private static void exec(String... command) throws Exception {
        List<String> all = new ArrayList<>(List.of(command));
        Process p = new ProcessBuilder(all).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as("%s: %s", command[0], output).isZero();
    }
}
