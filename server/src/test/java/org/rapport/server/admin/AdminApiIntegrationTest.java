package org.rapport.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rapport.server.member.Member;
import org.rapport.server.support.ApiIntegrationContract;
import org.rapport.server.support.SqliteSpringTest;
import org.rapport.server.support.TestMembers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/** The administration API as a client uses it: suspension seen from every side, the audit log and its export. */
@SqliteSpringTest
class AdminApiIntegrationTest extends ApiIntegrationContract {

    @Autowired
    AdminService admin;

    private Caller moderator() {
        Caller mod = caller("Mod", "Api");
        admin.grantFromCommandLine(mod.member().email(), "moderator");
        return mod;
    }

    @Test
    void aSuspendedMemberGetsAccountSuspendedAndIsNotFoundByOthersUntilLifted() {
        Caller mod = moderator();
        Caller spammer = caller("Spammer", "Api");
        Caller other = caller("Other", "Api");
        get(other, "/members/" + spammer.key()).expect(200);

        var body = post(mod, "/admin/members/" + spammer.key() + "/suspend",
                Map.of("reason", "Spam", "until", "2099-01-01T00:00:00Z")).expect(200).body();
        assertThat(body.path("status").asString()).isEqualTo("SUSPENDED");
        assertThat(body.path("suspendedUntil").asString()).isEqualTo("2099-01-01T00:00:00Z");

        Response refused = get(spammer, "/me").expectProblem(403);
        assertThat(refused.problemType()).endsWith("/account-suspended");
        Response signIn = perform(null, MockMvcRequestBuilders.post(API + "/tokens"),
                Map.of("email", spammer.member().email(), "password", TestMembers.PASSWORD)).expectProblem(403);
        assertThat(signIn.problemType()).endsWith("/account-suspended");
        assertThat(signIn.detail()).contains("2099-01-01");
        get(other, "/members/" + spammer.key()).expectProblem(404);
        get(other, "/members/" + spammer.key() + "/posts").expectProblem(404);
        // A moderator finds them in the administration, though.
        assertThat(get(mod, "/admin/members?status=SUSPENDED&q=" + spammer.member().email()).expect(200)
                .itemIds()).containsExactly(spammer.key());

        post(mod, "/admin/members/" + spammer.key() + "/unsuspend").expect(200);
        get(spammer, "/me").expect(200);
        get(other, "/members/" + spammer.key()).expect(200);
    }

    @Test
    void badInputIsAClearProblemAndChangesNothing() {
        Caller mod = moderator();
        Caller target = caller("Target", "Api");
        post(mod, "/admin/members/" + target.key() + "/suspend", Map.of("reason", "x", "until", "tomorrow"))
                .expectFieldErrors("until");
        post(mod, "/admin/members/" + target.key() + "/suspend", Map.of()).expectFieldErrors("reason");
        post(mod, "/admin/members/" + target.key() + "/suspend", "{not json").expectProblem(400);
        post(mod, "/admin/members/99999999/suspend", Map.of("reason", "x")).expectProblem(404);
        get(mod, "/admin/members?status=SLEEPING").expectFieldErrors("status");
        get(target, "/me").expect(200);
    }

    @Test
    void theAuditLogIsPagedAndItsCsvExportDisarmsFormulas() {
        Caller mod = moderator();
        Member target = caller("Target", "Api").member();
        post(mod, "/admin/members/" + target.id() + "/suspend", Map.of("reason", "=HYPERLINK(\"http://x\")")).expect(200);
        post(mod, "/admin/members/" + target.id() + "/unsuspend", Map.of("reason", "@SUM(A1)")).expect(200);

        var page = get(mod, "/admin/audit-log?limit=1").expect(200).body();
        assertThat(page.path("items").size()).isEqualTo(1);
        assertThat(page.path("items").get(0).path("action").asString()).isEqualTo(AdminService.UNSUSPENDED);
        assertThat(page.path("items").get(0).path("actor").asString()).contains(mod.member().email());
        assertThat(page.path("nextCursor").isNull()).isFalse();
        var second = get(mod, "/admin/audit-log?limit=1&cursor=" + page.path("nextCursor").asString()).expect(200).body();
        assertThat(second.path("items").get(0).path("action").asString()).isEqualTo(AdminService.SUSPENDED);

        Response csv = perform(MockMvcRequestBuilders.get(API + "/admin/audit-log.csv")
                .header("Authorization", "Bearer " + mod.token()));
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        String text = csv.rawText();
        assertThat(text).startsWith("at,actor,action,subject,reason");
        assertThat(text).contains("'=HYPERLINK").contains("'@SUM(A1)").doesNotContain(",=HYPERLINK", ",\"=HYPERLINK");
    }

    @Test
    void neutraliseQuotesEveryFormulaStart() {
        for (String s : new String[] {"=1", "+1", "-1", "@a", "\tx", "\rx"}) {
            assertThat(AuditCsv.neutralise(s)).isEqualTo("'" + s);
        }
        assertThat(AuditCsv.neutralise("plain = text")).isEqualTo("plain = text");
        assertThat(AuditCsv.neutralise("")).isEmpty();
    }
}
