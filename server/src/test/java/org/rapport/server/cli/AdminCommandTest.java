package org.rapport.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rapport.server.member.MemberRepository;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code rapport admin grant} as an operator runs it on a fresh SQLite file: JSON out, or one line and a non-zero exit. */
class AdminCommandTest {

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        CommandRun r = CommandRun.of(args);
        return new Run(r.exit(), r.out(), r.err());
    }

    @Test
    void grantMakesTheFirstAdministratorAndRefusesWithOneLine() {
        RapportCli cli = new RapportCli();
        cli.dataDir = dir.toString();
        long id;
        try (var ctx = cli.startQuietly()) {
            id = ctx.getBean(MemberRepository.class).insert("ada@example.org", "x", "s1", "Ada", "Lovelace", null,
                    Instant.parse("2026-01-05T10:00:00Z"));
        }
        Run granted = run("admin", "grant", "ADA@example.org", "admin", "--data-dir=" + dir);
        assertThat(granted.exit()).as(granted.err()).isZero();
        JsonNode json = JsonMapper.builder().build().readTree(granted.out());
        assertThat(json.path("id").asString()).isEqualTo(Long.toString(id));
        assertThat(json.path("role").asString()).isEqualTo("ADMIN");
        assertThat(json.path("name").asString()).isEqualTo("Ada Lovelace");

        Run unknown = run("admin", "grant", "nobody@example.org", "admin", "--data-dir=" + dir);
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err().strip()).isEqualTo("rapport: no member has the address nobody@example.org");
        assertThat(unknown.out()).isEmpty();

        Run badRole = run("admin", "grant", "ada@example.org", "owner", "--data-dir=" + dir);
        assertThat(badRole.exit()).isEqualTo(2);
        assertThat(badRole.err().strip()).isEqualTo("rapport: Choose admin, moderator or member.");

        Run last = run("admin", "grant", "ada@example.org", "member", "--data-dir=" + dir);
        assertThat(last.exit()).isEqualTo(1);
        assertThat(last.err().strip()).startsWith("rapport: This is the last administrator");
    }
}
