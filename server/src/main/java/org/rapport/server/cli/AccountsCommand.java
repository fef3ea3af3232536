package org.rapport.server.cli;

import java.util.Map;
import java.util.concurrent.Callable;

import org.rapport.server.account.PasswordResets;
import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import tools.jackson.databind.json.JsonMapper;

/** {@code rapport accounts …}: operator actions on accounts (issue 16). */
@Command(name = "accounts", description = "Operator actions on accounts.", mixinStandardHelpOptions = true,
        subcommands = {AccountsCommand.SendClaims.class})
final class AccountsCommand {

    @ParentCommand
    RapportCli parent;

    @Command(name = "send-claims", description = "Mail every imported member who has no password yet a link "
            + "(valid 14 days) to claim their account by choosing one. Needs spring.mail.host. Prints {\"sent\": n}.")
    static final class SendClaims implements Callable<Integer> {

        @ParentCommand
        AccountsCommand accounts;

        @Override
        public Integer call() {
            try (ConfigurableApplicationContext ctx = accounts.parent.startQuietly()) {
                int sent;
                try {
                    sent = ctx.getBean(PasswordResets.class).sendClaimLinks();
                } catch (IllegalStateException e) {
                    throw new CliException(e.getMessage(), 2);
                }
                System.out.println(ctx.getBean(JsonMapper.class).writeValueAsString(Map.of("sent", sent)));
                return 0;
            }
        }
    }
}
