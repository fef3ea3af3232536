package org.rapport.server.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rapport.server.account.MemberPrincipal;
import org.rapport.server.member.Member;
import org.rapport.server.member.MemberRepository;
import org.rapport.server.support.ApiIntegrationContract;
import org.rapport.server.support.SqliteSpringTest;
import org.rapport.server.support.TestSmtp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * Sign-up by approval (issue 17) through the API and the pages: a held sign-up cannot sign in and
 * is invisible; an administrator approves or refuses it, audited and mailed. Also the site's name
 * and public address in pages and mails.
 */
@SqliteSpringTest
class SignUpApprovalIntegrationTest extends ApiIntegrationContract {

    private static final String PASSWORD = "a long enough password";

    @Autowired
    AdminService admin;
    @Autowired
    MemberRepository memberRepository;

    @AfterEach
    void openSignUpAgain() {
        jdbc.sql("DELETE FROM site_settings").update();
    }

    private Caller administrator() {
        Caller root = caller("Root", "Approval");
        admin.grantFromCommandLine(root.member().email(), "admin");
        return root;
    }

    private Response signUp(String email, String first, String last) {
        return perform(null, MockMvcRequestBuilders.post(API + "/accounts"),
                Map.of("email", email, "password", PASSWORD, "firstName", first, "lastName", last));
    }

    private Response signIn(String email) {
        return perform(null, MockMvcRequestBuilders.post(API + "/tokens"), Map.of("email", email, "password", PASSWORD));
    }

    /** Waits up to 10 s for a mail to {@code email} whose subject contains {@code subject}. */
    private static MimeMessage awaitMail(String email, String subject) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            for (MimeMessage m : TestSmtp.messagesTo(email)) {
                if (m.getSubject().contains(subject)) {
                    return m;
                }
            }
            assertThat(System.nanoTime()).as("a mail \"%s\" reaches %s within 10 s", subject, email).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static List<String> subjects(String email) throws Exception {
        List<String> subjects = new java.util.ArrayList<>();
        for (MimeMessage m : TestSmtp.messagesTo(email)) {
            subjects.add(m.getSubject());
        }
        return subjects;
    }

    private MockHttpServletResponse page(MockHttpServletRequestBuilder request, Member as) throws Exception {
        request.with(csrf());
        if (as != null) {
            var principal = new MemberPrincipal(as.id(), memberRepository.findSecurityStamp(as.id()).orElseThrow());
            request.with(authentication(UsernamePasswordAuthenticationToken.authenticated(principal, null,
                    List.of(new SimpleGrantedAuthority("ROLE_MEMBER")))));
        }
        return mvc.perform(request).andReturn().getResponse();
    }

    @Test
    void aSignUpWaitsInvisibleUntilApprovedThenSignsInAndIsMailedTheDecision() throws Exception {
        Caller root = administrator();
        Caller other = caller("Other", "Approval");
        patch(root, "/admin/settings", Map.of("signupMode", "APPROVAL")).expect(200);
        String email = unique("applicant");
        String surname = "Quenneville" + Long.toString(System.nanoTime() % 1_000_000, 10).chars()
                .mapToObj(c -> String.valueOf((char) ('a' + c - '0'))).collect(java.util.stream.Collectors.joining());

        var created = signUp(email, "Applicant", surname).expect(202).body();
        assertThat(created.path("status").asString()).isEqualTo("AWAITING_APPROVAL");
        String id = created.path("id").asString();

        Response refused = signIn(email).expectProblem(403);
        assertThat(refused.problemType()).endsWith("/awaiting-approval");
        assertThat(refused.detail()).contains("waiting for approval");
        signIn(email.replace("applicant", "nobody")).expectProblem(401);
        get(other, "/members/" + id).expectProblem(404);
        assertThat(get(other, "/search/people?q=" + surname).expect(200).itemIds()).isEmpty();
        assertThat(subjects(email)).as("no verification link before approval").isEmpty();
        assertThat(get(root, "/admin/sign-up-requests").expect(200).itemIds()).contains(id);
        assertThat(get(root, "/admin/members?status=AWAITING_APPROVAL&q=" + email).expect(200).itemIds())
                .containsExactly(id);
        assertThat(get(root, "/admin/members?status=SUSPENDED&q=" + email).expect(200).itemIds()).isEmpty();
        post(root, "/admin/members/" + id + "/unsuspend").expectProblem(409);
        post(root, "/admin/members/" + id + "/suspend", Map.of("reason", "x")).expectProblem(409);

        Caller mod = caller("Mod", "Approval");
        admin.grantFromCommandLine(mod.member().email(), "moderator");
        post(mod, "/admin/sign-up-requests/" + id + "/approve").expectProblem(403);
        signIn(email).expectProblem(403);

        var approved = post(root, "/admin/sign-up-requests/" + id + "/approve").expect(200).body();
        assertThat(approved.path("status").asString()).isEqualTo("ACTIVE");
        MimeMessage mail = awaitMail(email, "approved");
        assertThat(mail.getSubject()).isEqualTo("Welcome to Rapport: your request to join is approved");
        assertThat(mail.getContent().toString()).contains("/signin");
        awaitMail(email, "Confirm your e-mail address");

        signIn(email).expect(201);
        get(other, "/members/" + id).expect(200);
        assertThat(get(other, "/search/people?q=" + surname).expect(200).itemIds())
                .as("the index had them all along; only the hold hid them").containsExactly(id);
        assertThat(get(root, "/admin/sign-up-requests").expect(200).itemIds()).doesNotContain(id);
        post(root, "/admin/sign-up-requests/" + id + "/approve").expectProblem(404);
        var audit = get(root, "/admin/audit-log?limit=1").expect(200).body().path("items").get(0);
        assertThat(audit.path("action").asString()).isEqualTo(AdminService.SIGNUP_APPROVED);
        assertThat(audit.path("subject").asString()).contains(email);
    }

    @Test
    void refusingErasesTheAccountMailsTheReasonAndBadInputChangesNothing() throws Exception {
        Caller root = administrator();
        patch(root, "/admin/settings", Map.of("signupMode", "APPROVAL")).expect(200);
        String email = unique("refused");
        String id = signUp(email, "Refused", "Applicant").expect(202).body().path("id").asString();

        post(root, "/admin/sign-up-requests/" + id + "/refuse", Map.of("reason", "x".repeat(1001)))
                .expectFieldErrors("reason");
        post(root, "/admin/sign-up-requests/" + root.key() + "/refuse", Map.of()).expectProblem(404);
        post(root, "/admin/sign-up-requests/99999999/approve").expectProblem(404);
        assertThat(get(root, "/admin/sign-up-requests").expect(200).itemIds()).contains(id);

        post(root, "/admin/sign-up-requests/" + id + "/refuse", Map.of("reason", "Only alumni of the school"))
                .expect(204);

        MimeMessage mail = awaitMail(email, "Your request to join");
        assertThat(mail.getContent().toString()).contains("did not approve").contains("Only alumni of the school");
        assertThat(jdbc.sql("SELECT count(*) FROM members WHERE email = :e").param("e", email).query(Long.class).single())
                .as("the refused account is erased").isZero();
        signIn(email).expectProblem(401);
        var audit = get(root, "/admin/audit-log?limit=1").expect(200).body().path("items").get(0);
        assertThat(audit.path("action").asString()).isEqualTo(AdminService.SIGNUP_REFUSED);
        assertThat(audit.path("reason").asString()).isEqualTo("Only alumni of the school");
        post(root, "/admin/sign-up-requests/" + id + "/refuse").expectProblem(404);

        patch(root, "/admin/settings", Map.of("signupMode", "OPEN")).expect(200);
        assertThat(signUp(unique("open"), "Open", "Again").expect(201).body().path("status").asString())
                .isEqualTo("ACTIVE");
    }

    @Test
    void thePagesSayTheRequestIsWaitingAndLetAnAdministratorApprove() throws Exception {
        Caller root = administrator();
        patch(root, "/admin/settings", Map.of("signupMode", "APPROVAL")).expect(200);
        String email = unique("pageapplicant");

        var signUp = page(MockMvcRequestBuilders.post("/signup").param("email", email).param("password", PASSWORD)
                .param("firstName", "Paige").param("lastName", "Applicant"), null);
        assertThat(signUp.getStatus()).isEqualTo(302);
        assertThat(signUp.getRedirectedUrl()).isEqualTo("/signup/waiting");
        var waiting = page(MockMvcRequestBuilders.get("/signup/waiting").flashAttr("waitingEmail", email), null);
        assertThat(waiting.getStatus()).isEqualTo(200);
        assertThat(waiting.getContentAsString()).contains("Your request to join Rapport is waiting for approval")
                .contains(email);
        var signIn = page(MockMvcRequestBuilders.post("/signin").param("email", email).param("password", PASSWORD), null);
        assertThat(signIn.getStatus()).isEqualTo(403);
        assertThat(signIn.getContentAsString()).contains("waiting for approval");

        long id = jdbc.sql("SELECT id FROM members WHERE email = :e").param("e", email).query(Long.class).single();
        var queue = page(MockMvcRequestBuilders.get("/admin/sign-up-requests"), root.member());
        assertThat(queue.getStatus()).isEqualTo(200);
        assertThat(queue.getContentAsString()).contains(email).contains("/admin/sign-up-requests/" + id + "/approve");
        var approve = page(MockMvcRequestBuilders.post("/admin/sign-up-requests/" + id + "/approve"), root.member());
        assertThat(approve.getStatus()).isEqualTo(302);
        var again = page(MockMvcRequestBuilders.post("/admin/sign-up-requests/" + id + "/refuse"), root.member());
        assertThat(again.getStatus()).as("decided already").isEqualTo(404);
        assertThat(again.getContentAsString()).contains("Nobody with this id is waiting for approval");
        assertThat(page(MockMvcRequestBuilders.post("/signin").param("email", email).param("password", PASSWORD), null)
                .getStatus()).isEqualTo(302);
    }

    @Test
    void theSiteNameAndAddressAreInThePagesAndTheMails() throws Exception {
        Caller root = administrator();
        Caller member = caller("Named", "Site");
        patch(root, "/admin/settings", Map.of("siteName", "Alumni Circle", "publicUrl", "https://alumni.example.org/"))
                .expect(200);

        String signInPage = page(MockMvcRequestBuilders.get("/signin"), null).getContentAsString();
        assertThat(signInPage).contains("<title>Sign in · Alumni Circle</title>").doesNotContain("· Rapport<");
        String home = page(MockMvcRequestBuilders.get("/settings"), member.member()).getContentAsString();
        assertThat(home).contains(" · Alumni Circle</title>").contains("<span>Alumni Circle</span>")
                .contains(">A</span>");

        post(root, "/admin/members/" + member.key() + "/password-reset").expect(202);
        MimeMessage reset = awaitMail(member.member().email(), "password");
        assertThat(reset.getSubject()).isEqualTo("Reset your Alumni Circle password");
        assertThat(reset.getContent().toString()).contains("https://alumni.example.org/password-reset/");

        patch(root, "/admin/settings", Map.of("signupMode", "APPROVAL")).expect(200);
        String email = unique("named");
        String id = signUp(email, "Named", "Applicant").expect(202).body().path("id").asString();
        post(root, "/admin/sign-up-requests/" + id + "/approve").expect(200);
        MimeMessage welcome = awaitMail(email, "approved");
        assertThat(welcome.getSubject()).isEqualTo("Welcome to Alumni Circle: your request to join is approved");
        assertThat(welcome.getContent().toString()).contains("https://alumni.example.org/signin");
        MimeMessage verify = awaitMail(email, "Confirm your e-mail address");
        assertThat(verify.getSubject()).isEqualTo("Confirm your e-mail address for Alumni Circle");
        assertThat(verify.getContent().toString()).contains("https://alumni.example.org/verify-email/");
    }
}
