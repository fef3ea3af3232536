package org.rapport.server.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import org.junit.jupiter.api.Test;
import org.rapport.server.support.ApiIntegrationContract;
import org.rapport.server.support.SqliteSpringTest;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/** The account pages of issue 16 through MockMvc: what they refuse and how they say why. */
@SqliteSpringTest
class AccountPagesIntegrationTest extends ApiIntegrationContract {

    @Test
    void signUpPageRefusesACommonPasswordAndSaysWhy() throws Exception {
        String email = unique("weak");
        var page = mvc.perform(MockMvcRequestBuilders.post("/signup").with(csrf()).with(r -> {
            r.setRemoteAddr("10.90.0." + (System.nanoTime() % 200));
            return r;
        }).param("email", email).param("password", "12345678").param("firstName", "Weak"))
                .andReturn().getResponse();

        assertThat(page.getStatus()).isEqualTo(400);
        assertThat(page.getContentAsString()).contains("one of the most common passwords");
        assertThat(jdbc.sql("SELECT count(*) FROM members WHERE email = :e").param("e", email).query(Long.class).single())
                .isZero();
    }

    @Test
    void forgotPasswordPagesMailALinkWhosePageSetsTheNewPassword() throws Exception {
        var m = members.create("Paige", "Reset");
        var signIn = mvc.perform(MockMvcRequestBuilders.get("/signin")).andReturn().getResponse();
        assertThat(signIn.getContentAsString()).contains("href=\"/password-reset\"").contains("Forgot password?");
        assertThat(mvc.perform(MockMvcRequestBuilders.get("/forgot")).andReturn().getResponse().getRedirectedUrl())
                .isEqualTo("/password-reset");
        assertThat(mvc.perform(MockMvcRequestBuilders.get("/password-reset")).andReturn().getResponse().getStatus())
                .isEqualTo(200);

        var sent = mvc.perform(MockMvcRequestBuilders.post("/password-reset").with(csrf()).param("email", m.email()))
                .andReturn().getResponse();
        assertThat(sent.getStatus()).isEqualTo(200);
        assertThat(sent.getContentAsString()).contains("a link to\n                choose a new password is on its way");
        String token = PasswordResetContract.awaitResetToken(m.email(), 1);

        var form = mvc.perform(MockMvcRequestBuilders.get("/password-reset/" + token)).andReturn().getResponse();
        assertThat(form.getStatus()).isEqualTo(200);
        assertThat(form.getContentAsString()).contains("action=\"/password-reset/" + token + "\"");
        var weak = mvc.perform(MockMvcRequestBuilders.post("/password-reset/" + token).with(csrf())
                .param("password", "password")).andReturn().getResponse();
        assertThat(weak.getStatus()).isEqualTo(400);
        assertThat(weak.getContentAsString()).contains("one of the most common passwords");
        var done = mvc.perform(MockMvcRequestBuilders.post("/password-reset/" + token).with(csrf())
                .param("password", "a fresh memorable phrase")).andReturn().getResponse();
        assertThat(done.getRedirectedUrl()).isEqualTo("/signin");

        var used = mvc.perform(MockMvcRequestBuilders.get("/password-reset/" + token)).andReturn().getResponse();
        assertThat(used.getStatus()).isEqualTo(410);
        assertThat(used.getContentAsString()).contains("was used already");
        assertThat(mvc.perform(MockMvcRequestBuilders.get("/password-reset/nothing-sent-this")).andReturn().getResponse()
                .getStatus()).isEqualTo(404);
        assertThat(accounts.authenticate(m.email(), "a fresh memorable phrase", null).memberId()).isEqualTo(m.id());
    }

    @org.springframework.beans.factory.annotation.Autowired
    TwoFactor twoFactor;

    @Test
    void theSignInPageAsksForTheCodeOfAMemberWithTwoFactorSignIn() throws Exception {
        var m = members.create("Paige", "Factor");
        TwoFactor.Setup setup = twoFactor.begin(m.id());
        twoFactor.confirm(m.id(), twoFactor.currentCode(setup.secret()));
        clock.advance(java.time.Duration.ofSeconds(30));

        var session = new org.springframework.mock.web.MockHttpSession();
        var first = mvc.perform(MockMvcRequestBuilders.post("/signin").session(session).with(csrf())
                .param("email", m.email()).param("password", org.rapport.server.support.TestMembers.PASSWORD))
                .andReturn().getResponse();
        assertThat(first.getRedirectedUrl()).isEqualTo("/signin/code");
        var home = mvc.perform(MockMvcRequestBuilders.get("/settings").session(session)).andReturn().getResponse();
        assertThat(home.getRedirectedUrl()).as("not signed in before the code").startsWith("/signin");

        var wrong = mvc.perform(MockMvcRequestBuilders.post("/signin/code").session(session).with(csrf())
                .param("code", "000000")).andReturn().getResponse();
        assertThat(wrong.getStatus()).isEqualTo(401);
        assertThat(wrong.getContentAsString()).contains("The code is not right");
        var done = mvc.perform(MockMvcRequestBuilders.post("/signin/code").session(session).with(csrf())
                .param("code", twoFactor.currentCode(setup.secret()))).andReturn().getResponse();
        assertThat(done.getRedirectedUrl()).isEqualTo("/");
    }

    @Test
    void theSettingsPageChangesTheAddressOnlyWithThePasswordAndOffersTheLinkAgain() throws Exception {
        var m = members.create("Paige", "Mover");
        var other = members.create("Olive", "Owner");
        var session = new org.springframework.mock.web.MockHttpSession();
        assertThat(mvc.perform(MockMvcRequestBuilders.post("/signin").session(session).with(csrf())
                .param("email", m.email()).param("password", org.rapport.server.support.TestMembers.PASSWORD))
                .andReturn().getResponse().getRedirectedUrl()).isEqualTo("/");
        String next = unique("paige.moved").toLowerCase();
        var settings = mvc.perform(MockMvcRequestBuilders.get("/settings").session(session)).andReturn().getResponse();
        assertThat(settings.getContentAsString()).contains("action=\"/settings/email\"").contains("· confirmed")
                .doesNotContain("Send the link again");

        var wrong = changeEmail(session, next, "not my password");
        assertThat(wrong.getStatus()).isEqualTo(400);
        assertThat(wrong.getContentAsString()).contains("The password is not right; your address was not changed.");
        var taken = changeEmail(session, other.email(), org.rapport.server.support.TestMembers.PASSWORD);
        assertThat(taken.getStatus()).isEqualTo(409);
        assertThat(taken.getContentAsString()).contains("Another account uses this e-mail address");
        var malformed = changeEmail(session, "nowhere", org.rapport.server.support.TestMembers.PASSWORD);
        assertThat(malformed.getStatus()).isEqualTo(400);
        assertThat(malformed.getContentAsString()).contains("This does not look like an e-mail address.");
        assertThat(emailOf(m.id())).as("nothing changed").isEqualTo(m.email());

        var done = changeEmail(session, next, org.rapport.server.support.TestMembers.PASSWORD);
        assertThat(done.getRedirectedUrl()).isEqualTo("/settings#email");
        assertThat(emailOf(m.id())).isEqualTo(next);
        var after = mvc.perform(MockMvcRequestBuilders.get("/settings").session(session)).andReturn().getResponse();
        assertThat(after.getStatus()).as("the session still works").isEqualTo(200);
        assertThat(after.getContentAsString()).contains(next).contains("not confirmed yet").contains("Send the link again");
        assertThat(mvc.perform(MockMvcRequestBuilders.get("/network").session(session)).andReturn().getResponse()
                .getContentAsString()).contains("id=\"verify-banner\"");

        var tooSoon = mvc.perform(MockMvcRequestBuilders.post("/settings/email/verification").session(session)
                .with(csrf())).andReturn().getResponse();
        assertThat(tooSoon.getStatus()).isEqualTo(429);
        assertThat(tooSoon.getHeader("Retry-After")).isEqualTo("60");
        assertThat(tooSoon.getContentAsString()).contains("less than a minute ago");
        clock.advance(java.time.Duration.ofMinutes(1));
        assertThat(mvc.perform(MockMvcRequestBuilders.post("/settings/email/verification").session(session)
                .with(csrf())).andReturn().getResponse().getRedirectedUrl()).isEqualTo("/settings#email");
        EmailVerificationContract.awaitVerificationToken(next, 2);
    }

    private org.springframework.mock.web.MockHttpServletResponse changeEmail(
            org.springframework.mock.web.MockHttpSession session, String email, String password) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.post("/settings/email").session(session).with(csrf())
                .param("newEmail", email).param("emailPassword", password)).andReturn().getResponse();
    }

    private String emailOf(long id) {
        return jdbc.sql("SELECT email FROM members WHERE id = :id").param("id", id).query(String.class).single();
    }
}
