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
}
