package org.rapport.server.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import org.rapport.server.admin.AdminService;
import org.rapport.server.system.RapportException;
import org.rapport.server.system.ValidationException;
import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.json.JsonMapper;

/** {@code rapport admin grant <email> admin|moderator|member}: gives a member a role (the first administrator, too). */
@Command(name = "admin", description = "Administration: grant a role.", subcommands = {AdminCommand.Grant.class})
final class AdminCommand {

    @ParentCommand
    RapportCli root;

    @Command(name = "grant", description = "Give the member with this e-mail address a role: admin, moderator or member. "
            + "Prints {id, email, name, role}. Works beside a running server.")
    static final class Grant implements Callable<Integer> {
        @ParentCommand
        AdminCommand admin;

        @Parameters(index = "0", paramLabel = "<email>")
        String email;

        @Parameters(index = "1", paramLabel = "<role>", description = "admin, moderator or member")
        String role;

        @Override
        public Integer call() {
            try (ConfigurableApplicationContext ctx = admin.root.startQuietly()) {
                AdminService.AdminMember m = ctx.getBean(AdminService.class).grantFromCommandLine(email, role);
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("id", Long.toString(m.id()));
                out.put("email", m.email());
                out.put("name", m.name());
                out.put("role", m.role().name());
                System.out.println(ctx.getBean(JsonMapper.class).writerWithDefaultPrettyPrinter().writeValueAsString(out));
                return 0;
            } catch (ValidationException e) {
                throw new CliException(e.detail(), 2);
            } catch (RapportException e) {
                throw new CliException(e.type().equals("not-found")
                        ? "no member has the address " + email : e.detail());
            }
        }
    }
}
