package org.rapport.server.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.rapport.server.member.Member;
import org.rapport.server.support.ApiIntegrationContract;
import org.rapport.server.support.HttpSession;
import org.rapport.server.support.SqliteTestDatabase;
import org.rapport.server.support.TestClockConfiguration;
import org.rapport.server.support.TestIdentityProvider;
import org.rapport.server.support.TestMembers;
import org.rapport.server.support.TestSmtp;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * "SSO only" (issue 16, {@code rapport.accounts.password-sign-in=false}): Rapport's own passwords
 * are refused everywhere (page and API sign-in, sign-up, resets) and the pages do not offer them;
 * the provider still signs members in, and an account without password or second factor is
 * deleted only after a fresh sign-in through the provider.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "rapport.test.own-database=true",
        "rapport.accounts.password-sign-in=false",
        "rapport.scheduling.enabled=false",
        "rapport.search.index-dir=target/search-index-${random.uuid}",
        "server.tomcat.basedir=target/tomcat-base",
        "logging.level.org.rapport=WARN"})
@AutoConfigureMockMvc
@Import(TestClockConfiguration.class)
@ContextConfiguration(initializers = {SqliteTestDatabase.class, TestSmtp.class, TestIdentityProvider.class})
class PasswordsOffIntegrationTest extends ApiIntegrationContract {

    @LocalServerPort
    int port;
    @org.springframework.beans.factory.annotation.Autowired
    org.rapport.server.member.MemberRepository memberRepository;

    @Test
    void passwordsAreRefusedEverywhereAndThePagesDoNotOfferThem() throws Exception {
        Member pat = members.create("Pat", "Password");
        perform(null, MockMvcRequestBuilders.post(API + "/tokens"),
                Map.of("email", pat.email(), "password", TestMembers.PASSWORD))
                .expectProblem(403).problemType();
        assertThat(perform(null, MockMvcRequestBuilders.post(API + "/tokens"),
                Map.of("email", pat.email(), "password", TestMembers.PASSWORD)).problemType())
                .endsWith("/password-sign-in-off");
        assertThat(perform(null, MockMvcRequestBuilders.post(API + "/accounts"),
                Map.of("email", unique("new"), "password", "a long enough password", "name", "New Person"))
                .expectProblem(403).problemType()).endsWith("/password-sign-in-off");
        assertThat(perform(null, MockMvcRequestBuilders.post(API + "/password-resets"), Map.of("email", pat.email()))
                .expectProblem(403).problemType()).endsWith("/password-sign-in-off");

        var page = perform(MockMvcRequestBuilders.post("/signin").with(csrf()).param("email", pat.email())
                .param("password", TestMembers.PASSWORD));
        assertThat(page.status()).isEqualTo(403);
        assertThat(page.rawText()).contains("passwords are turned off");

        String signIn = perform(MockMvcRequestBuilders.get("/signin")).expect(200).rawText();
        assertThat(signIn).contains("Sign in with " + TestIdentityProvider.NAME).doesNotContain("id=\"password\"")
                .doesNotContain("Forgot password?");
        String signUp = perform(MockMvcRequestBuilders.get("/signup")).expect(200).rawText();
        assertThat(signUp).contains("Join with " + TestIdentityProvider.NAME).doesNotContain("id=\"password\"");
        assertThat(perform(MockMvcRequestBuilders.get("/password-reset")).status()).isEqualTo(403);
    }

    @Test
    void anAccountWithoutPasswordOrSecondFactorIsDeletedOnlyRightAfterSigningInThroughTheProvider() {
        String email = unique("sso.only");
        String subject = "sub-" + UUID.randomUUID();
        TestIdentityProvider.nextSignIn(subject, email, true, "Sol", "Only");
        HttpSession browser = new HttpSession("http://localhost:" + port);
        assertThat(browser.get("/oauth2/authorization/" + TestIdentityProvider.ID).uri().getPath()).isEqualTo("/");
        long id = jdbc.sql("SELECT id FROM members WHERE email = :e").param("e", email).query(Long.class).single();

        // A bearer token alone never erases the account.
        String token = accounts.issueToken(id).token();
        Caller me = new Caller(memberRepository.findById(id).orElseThrow(), token);
        assertThat(perform(me, MockMvcRequestBuilders.delete(API + "/me"), Map.of()).expectProblem(403).problemType())
                .endsWith("/reauthentication-required");

        // Ten minutes after signing in through the provider the page refuses too, and keeps the account.
        assertThat(browser.get("/settings").body()).contains("id=\"confirm-recent\"");
        clock.advance(java.time.Duration.ofMinutes(11));
        HttpResponse<String> late = browser.post("/settings", "/settings/delete", "");
        assertThat(late.statusCode()).isEqualTo(400);
        assertThat(late.body()).contains("sign in again through your provider");
        assertThat(jdbc.sql("SELECT count(*) FROM members WHERE id = :id").param("id", id).query(Long.class).single())
                .isEqualTo(1);
        clock.set(TestClockConfiguration.START);

        // Signed in again just now: deleted.
        TestIdentityProvider.nextSignIn(subject, email, true, "Sol", "Only");
        assertThat(browser.get("/oauth2/authorization/" + TestIdentityProvider.ID).uri().getPath()).isEqualTo("/");
        HttpResponse<String> done = browser.post("/settings", "/settings/delete", "");
        assertThat(done.uri().getPath()).isEqualTo("/signin");
        assertThat(jdbc.sql("SELECT count(*) FROM members WHERE id = :id").param("id", id).query(Long.class).single())
                .isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM external_identities WHERE member_id = :id").param("id", id)
                .query(Long.class).single()).as("the link went with the member").isZero();
    }
}
