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
import org.rapport.server.support.SingleSignOnSpringTest;
import org.rapport.server.support.TestDirectory;
import org.rapport.server.support.TestIdentityProvider;
import org.rapport.server.support.TestMembers;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * Single sign-on over real HTTP (issue 16): OpenID Connect against a real provider started by the
 * test ({@link TestIdentityProvider}), LDAP bind against a real in-memory directory
 * ({@link TestDirectory}). Who is signed in is read from the settings page the session opens.
 */
@SingleSignOnSpringTest
class SingleSignOnIntegrationTest extends ApiIntegrationContract {

    @LocalServerPort
    int port;
    @org.springframework.beans.factory.annotation.Autowired
    org.rapport.server.member.MemberRepository memberRepository;

    private String base() {
        return "http://localhost:" + port;
    }

    /** Signs in at the provider as the queued person; returns the browser and the page it ended on. */
    private HttpResponse<String> signInThroughProvider(HttpSession browser) {
        return browser.get("/oauth2/authorization/" + TestIdentityProvider.ID);
    }

    private Long linkedMember(String provider, String subject) {
        return jdbc.sql("SELECT member_id FROM external_identities WHERE provider = :p AND subject = :s")
                .param("p", provider).param("s", subject).query(Long.class).optional().orElse(null);
    }

    private static String subject() {
        return "sub-" + UUID.randomUUID();
    }

    @Test
    void theSignInPageOffersTheProviderAndTheDirectory() {
        String page = new HttpSession(base()).get("/signin").body();
        assertThat(page).contains("href=\"/oauth2/authorization/corp\"").contains("Sign in with " + TestIdentityProvider.NAME)
                .contains("id=\"password\"").contains(TestDirectory.NAME).contains("Forgot password?");
        assertThat(new HttpSession(base()).get("/signup").body()).contains("Join with " + TestIdentityProvider.NAME)
                .contains("id=\"password\"");
    }

    @Test
    void anUnknownProviderIsNotFoundAndAForgedCallbackSignsNobodyIn() {
        HttpSession browser = new HttpSession(base());
        assertThat(browser.get("/oauth2/authorization/nope").statusCode()).isEqualTo(404);
        HttpResponse<String> forged = browser.get("/login/oauth2/code/" + TestIdentityProvider.ID + "?code=made-up&state=made-up");
        assertThat(forged.uri().getPath()).isEqualTo("/signin");
        assertThat(forged.body()).contains("did not complete");
        assertThat(browser.get("/settings").uri().getPath()).isEqualTo("/signin");
    }

    @Test
    void signingInThroughTheProviderCreatesAnAccountWithTheVerifiedAddressAndSignsTheSameOneInAgain() {
        String email = unique("olga");
        String subject = subject();
        TestIdentityProvider.nextSignIn(subject, email, true, "Olga", "Oidc");
        HttpSession browser = new HttpSession(base());
        HttpResponse<String> landed = signInThroughProvider(browser);
        assertThat(landed.uri().getPath()).as("signed in, at home").isEqualTo("/");
        Long id = linkedMember("corp", subject);
        assertThat(id).as("the identity is linked").isNotNull();
        Member made = memberRepository.findById(id).orElseThrow();
        assertThat(made.email()).isEqualTo(email);
        assertThat(made.firstName()).isEqualTo("Olga");
        assertThat(made.lastName()).isEqualTo("Oidc");
        assertThat(jdbc.sql("SELECT email_verified_at FROM members WHERE id = :id").param("id", id)
                .query(Long.class).optional()).as("the provider vouched for the address").isPresent();
        assertThat(jdbc.sql("SELECT password_hash FROM members WHERE id = :id").param("id", id).query(String.class)
                .single()).isEqualTo(AccountService.NO_PASSWORD);
        assertThat(browser.get("/settings").body()).contains(email).contains("id=\"sso-account\"");

        // Signed out, then in again: the subject finds the same member, even with another address at the provider.
        browser.post("/settings", "/signout", "");
        assertThat(browser.get("/settings").uri().getPath()).isEqualTo("/signin");
        TestIdentityProvider.nextSignIn(subject, unique("olga.renamed"), true, "Olga", "Oidc");
        assertThat(signInThroughProvider(browser).uri().getPath()).isEqualTo("/");
        assertThat(browser.get("/settings").body()).contains(email);
        assertThat(jdbc.sql("SELECT count(*) FROM members WHERE email = :e OR email LIKE 'olga.renamed%'")
                .param("e", email).query(Long.class).single()).as("no second account").isEqualTo(1);
    }

    @Test
    void signingInThroughTheProviderLinksTheMemberWithTheSameVerifiedAddress() {
        Member ada = members.create("Ada", "Linked");
        String subject = subject();
        TestIdentityProvider.nextSignIn(subject, ada.email().toUpperCase(java.util.Locale.ROOT), true, "Ada", "Elsewhere");
        HttpSession browser = new HttpSession(base());
        assertThat(signInThroughProvider(browser).uri().getPath()).isEqualTo("/");
        assertThat(linkedMember("corp", subject)).isEqualTo(ada.id());
        assertThat(browser.get("/settings").body()).contains(ada.email());
        // The password still works: linking adds a way in, it takes none away.
        assertThat(accounts.authenticate(ada.email(), TestMembers.PASSWORD, "10.9.9.9").memberId()).isEqualTo(ada.id());
    }

    @Test
    void anAddressTheProviderDidNotVerifyIsNotLinkedToAnAccount() {
        Member victim = members.create("Vic", "Victim");
        String subject = subject();
        TestIdentityProvider.nextSignIn(subject, victim.email(), false, "Mallory", "Attacker");
        HttpSession browser = new HttpSession(base());
        HttpResponse<String> landed = signInThroughProvider(browser);
        assertThat(landed.uri().getPath()).isEqualTo("/signin");
        assertThat(landed.body()).contains("id=\"signin-error\"").contains("has not verified the address");
        assertThat(linkedMember("corp", subject)).isNull();
        assertThat(browser.get("/settings").uri().getPath()).as("nobody signed in").isEqualTo("/signin");
    }

    @Test
    void anAccountWhoseOwnerNeverVerifiedTheAddressIsNotLinked() {
        // Someone signed up here with an address that is not theirs and never verified it.
        Member squatter = accounts.signUp(unique("squat"), "a long enough password", "Sam", "Squatter");
        String subject = subject();
        TestIdentityProvider.nextSignIn(subject, squatter.email(), true, "Real", "Owner");
        HttpSession browser = new HttpSession(base());
        HttpResponse<String> landed = signInThroughProvider(browser);
        assertThat(landed.uri().getPath()).isEqualTo("/signin");
        assertThat(landed.body()).contains("never verified");
        assertThat(linkedMember("corp", subject)).isNull();
        assertThat(browser.get("/settings").uri().getPath()).isEqualTo("/signin");
    }

    @Test
    void aSuspendedMemberCannotSignInThroughTheProvider() {
        Member sue = members.create("Sue", "Suspended");
        String subject = subject();
        TestIdentityProvider.nextSignIn(subject, sue.email(), true, "Sue", "Suspended");
        assertThat(signInThroughProvider(new HttpSession(base())).uri().getPath()).isEqualTo("/");
        jdbc.sql("UPDATE members SET suspended_until = :until WHERE id = :id")
                .param("until", AccountStanding.INDEFINITE).param("id", sue.id()).update();
        TestIdentityProvider.nextSignIn(subject, sue.email(), true, "Sue", "Suspended");
        HttpSession browser = new HttpSession(base());
        HttpResponse<String> landed = signInThroughProvider(browser);
        assertThat(landed.uri().getPath()).isEqualTo("/signin");
        assertThat(landed.body()).contains("suspended");
        assertThat(browser.get("/settings").uri().getPath()).isEqualTo("/signin");
    }

    @Test
    void theSignUpPolicyRefusesNewAccountsThroughTheProvider() {
        jdbc.sql("INSERT INTO site_settings (name, value) VALUES ('signupMode', 'INVITE_ONLY')").update();
        try {
            String email = unique("uninvited");
            TestIdentityProvider.nextSignIn(subject(), email, true, "Una", "Uninvited");
            HttpResponse<String> landed = signInThroughProvider(new HttpSession(base()));
            assertThat(landed.uri().getPath()).isEqualTo("/signin");
            assertThat(landed.body()).contains("Sign-up here is by invitation");
            assertThat(memberRepository.findIdByEmail(email)).as("no account made").isEmpty();
        } finally {
            jdbc.sql("DELETE FROM site_settings WHERE name = 'signupMode'").update();
        }
    }

    @Test
    void theDirectorysPasswordSignsInAndTheFirstSignInCreatesTheAccount() throws Exception {
        String uid = "lena" + System.nanoTime();
        String email = uid + "@directory.example.org";
        TestDirectory.addPerson(uid, email, "Lena", "Directory", "directory secret 1");

        var wrong = perform(MockMvcRequestBuilders.post("/signin").with(csrf()).param("email", uid)
                .param("password", "not the directory secret"));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(memberRepository.findIdByEmail(email)).as("a wrong password makes nothing").isEmpty();
        assertThat(perform(MockMvcRequestBuilders.post("/signin").with(csrf()).param("email", uid)
                .param("password", "")).status()).as("an empty password is no anonymous bind").isEqualTo(401);

        var right = perform(MockMvcRequestBuilders.post("/signin").with(csrf()).param("email", uid)
                .param("password", "directory secret 1"));
        assertThat(right.status()).isEqualTo(302);
        assertThat(right.header("Location")).isEqualTo("/");
        long id = memberRepository.findIdByEmail(email).orElseThrow();
        assertThat(linkedMember("ldap", "uid=" + uid + ",ou=people,dc=example,dc=org")).isEqualTo(id);
        assertThat(memberRepository.findById(id).orElseThrow().firstName()).isEqualTo("Lena");
        assertThat(jdbc.sql("SELECT email_verified_at FROM members WHERE id = :id").param("id", id)
                .query(Long.class).optional()).as("trust-emails").isPresent();

        // The address finds the same person too, and the API's tokens take the directory's password.
        var token = perform(null, MockMvcRequestBuilders.post(API + "/tokens"),
                Map.of("email", email, "password", "directory secret 1")).expect(201);
        assertThat(token.text("memberId")).isEqualTo(Long.toString(id));
        perform(null, MockMvcRequestBuilders.post(API + "/tokens"),
                Map.of("email", email, "password", "not the directory secret")).expectProblem(401);
    }

    @Test
    void theDirectoryLinksAMemberWithTheSameVerifiedAddress() {
        Member dan = members.create("Dan", "Directory");
        String uid = "dan" + System.nanoTime();
        TestDirectory.addPerson(uid, dan.email(), "Dan", "Directory", "directory secret 2");
        var right = perform(MockMvcRequestBuilders.post("/signin").with(csrf()).param("email", uid)
                .param("password", "directory secret 2"));
        assertThat(right.status()).isEqualTo(302);
        assertThat(linkedMember("ldap", "uid=" + uid + ",ou=people,dc=example,dc=org")).isEqualTo(dan.id());
    }
}
