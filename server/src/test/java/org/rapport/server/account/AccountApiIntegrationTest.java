package org.rapport.server.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rapport.server.support.ApiIntegrationContract;
import org.rapport.server.support.SqliteSpringTest;
import org.rapport.server.support.TestMembers;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import tools.jackson.databind.JsonNode;

/** Accounts, tokens, my profile and account deletion over the JSON API (I3, I4). */
@SqliteSpringTest
class AccountApiIntegrationTest extends ApiIntegrationContract {

    private static final String PASSWORD = "a long enough password";

    private Response signUp(String email, String password, String name) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("email", email);
        body.put("password", password);
        body.put("name", name);
        return post(null, "/accounts", body);
    }

    private Response token(String email, String password) {
        return post(null, "/tokens", Map.of("email", email, "password", password));
    }

    @Test
    void signUpCreatesAMemberAndAnswersWithItsLocation() {
        String email = unique("Grace.Hopper");

        Response created = signUp("  " + email.toUpperCase() + " ", PASSWORD, "Grace Brewster Hopper").expect(201);

        JsonNode m = created.body();
        assertThat(m.path("id").isString()).as("ids are strings").isTrue();
        String id = m.path("id").asString();
        assertThat(id).matches("[0-9]+");
        assertThat(created.header("Location")).isEqualTo("/api/v1/members/" + id);
        assertThat(m.path("email").asString()).isEqualTo(email.toLowerCase());
        assertThat(m.path("name").asString()).isEqualTo("Grace Brewster Hopper");
        assertThat(m.path("firstName").asString()).isEqualTo("Grace Brewster");
        assertThat(m.path("lastName").asString()).isEqualTo("Hopper");
        assertThat(m.path("createdAt").asString()).endsWith("Z");
        assertThat(Instant.parse(m.path("createdAt").asString())).isEqualTo(clock.instant());
        assertThat(created.rawText()).doesNotContainIgnoringCase("password").doesNotContain("argon");

        JsonNode issued = token(email, PASSWORD).expect(201).body();
        assertThat(issued.path("memberId").asString()).isEqualTo(id);
    }

    @Test
    void signUpWithAnEmailTakenInAnyCaseIsAConflict() {
        String email = unique("taken");
        signUp(email, PASSWORD, "First Owner").expect(201);

        Response again = signUp(email.toUpperCase(), "another long password", "Second Owner").expectProblem(409);

        assertThat(again.problemType()).endsWith("/email-taken");
        assertThat(again.detail()).contains("already exists");
        assertThat(jdbc.sql("SELECT count(*) FROM members WHERE email = :e").param("e", email.toLowerCase())
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void invalidSignUpNamesEveryFieldAtOnce() {
        Response r = signUp("not-an-email", "short", "   ").expectFieldErrors("email", "password", "firstName");

        assertThat(r.errorMessage("password")).contains("8");
        signUp(unique("long"), PASSWORD, "x".repeat(61) + " Lovelace").expectFieldErrors("firstName");
        post(null, "/accounts", Map.of("password", PASSWORD, "name", "No Email")).expectFieldErrors("email");
    }

    @Test
    void tokenIsIssuedForTheRightPasswordOnly() {
        var m = members.create("Tina", "Token");

        JsonNode issued = token(m.email().toUpperCase(), TestMembers.PASSWORD).expect(201).body();
        assertThat(issued.path("token").asString()).isNotBlank();
        assertThat(issued.path("memberId").asString()).isEqualTo(Long.toString(m.id()));

        Response wrong = token(m.email(), "not the password").expectProblem(401);
        Response unknown = token(unique("nobody"), "not the password").expectProblem(401);
        assertThat(wrong.detail()).as("wrong password and unknown e-mail read alike").isEqualTo(unknown.detail());
        assertThat(wrong.rawText()).doesNotContain("\"token\"");
    }

    @Test
    void repeatedWrongPasswordsAreA429WithADoublingRetryAfterForTheGuesserOnly() {
        var m = members.create("Greta", "Guess");
        Map<String, String> wrong = Map.of("email", m.email(), "password", "guess number n");
        for (int i = 0; i < 10; i++) {
            signInFrom("10.77.0.1", wrong).expectProblem(401);
        }

        Response limited = signInFrom("10.77.0.1", wrong).expectProblem(429);
        assertThat(limited.problemType()).endsWith("/too-many-sign-in-attempts");
        assertThat(limited.header("Retry-After")).isEqualTo("30");
        clock.advance(java.time.Duration.ofSeconds(30));
        signInFrom("10.77.0.1", wrong).expectProblem(401);
        assertThat(signInFrom("10.77.0.1", wrong).expectProblem(429).header("Retry-After")).isEqualTo("60");

        // The attack of issue 16: the owner, from another client, is not locked out.
        signInFrom("10.77.0.2", Map.of("email", m.email(), "password", TestMembers.PASSWORD)).expect(201);
    }

    @org.springframework.beans.factory.annotation.Autowired
    AccountProperties accountProperties;

    @Test
    void aNewAccountIsUnverifiedUntilItsLinkIsFollowedAndMayAskForTheMailAgain() throws Exception {
        String email = unique("unverified");
        signUp(email, PASSWORD, "Una Verified").expect(201);
        Caller me = new Caller(null, token(email, PASSWORD).expect(201).text("token"));
        assertThat(get(me, "/me").body().path("emailVerified").asBoolean()).isFalse();
        Response tooSoon = post(me, "/me/email-verification").expectProblem(429);
        assertThat(tooSoon.problemType()).endsWith("/too-many-verification-mails");
        assertThat(tooSoon.header("Retry-After")).isEqualTo("60");
        clock.advance(java.time.Duration.ofMinutes(1));
        post(me, "/me/email-verification").expect(202);
        String link = EmailVerificationContract.awaitVerificationToken(email, 2);

        var page = perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/verify-email/" + link)
                .accept(org.springframework.http.MediaType.TEXT_HTML));
        assertThat(page.status()).isEqualTo(200);
        assertThat(get(me, "/me").body().path("emailVerified").asBoolean()).isTrue();
        assertThat(post(me, "/me/email-verification").expectProblem(409).problemType())
                .endsWith("/email-already-verified");
        assertThat(perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/verify-email/" + link)
                .accept(org.springframework.http.MediaType.TEXT_HTML)).status()).as("a used link").isEqualTo(410);
    }

    @org.springframework.beans.factory.annotation.Autowired
    TwoFactor twoFactor;

    @Test
    void twoFactorOverTheApiSetUpThenTokensAskForTheCode() {
        var m = members.create("Tess", "Factor");
        Caller me = signIn(m);
        JsonNode setup = post(me, "/me/two-factor").expect(200).body();
        String secret = setup.path("secret").asString();
        assertThat(setup.path("otpauthUri").asString()).startsWith("otpauth://totp/");
        assertThat(setup.path("qrCode").asString()).startsWith("data:image/png;base64,");
        post(me, "/me/two-factor/confirm", Map.of("code", "000000")).expectFieldErrors("code");
        JsonNode codes = post(me, "/me/two-factor/confirm", Map.of("code", twoFactor.currentCode(secret))).expect(200).body();
        assertThat(codes.path("recoveryCodes").size()).isEqualTo(10);

        Response required = token(m.email(), TestMembers.PASSWORD).expectProblem(401);
        assertThat(required.problemType()).endsWith("/two-factor-required");
        assertThat(post(null, "/tokens", Map.of("email", m.email(), "password", TestMembers.PASSWORD, "code", "000000"))
                .expectProblem(401).problemType()).endsWith("/invalid-two-factor-code");
        String recovery = codes.path("recoveryCodes").get(0).asString();
        post(null, "/tokens", Map.of("email", m.email(), "password", TestMembers.PASSWORD, "code", recovery)).expect(201);

        perform(me, MockMvcRequestBuilders.delete(API + "/me/two-factor"), Map.of("code", recovery)).expectProblem(401);
        perform(me, MockMvcRequestBuilders.delete(API + "/me/two-factor"),
                Map.of("password", TestMembers.PASSWORD, "code", codes.path("recoveryCodes").get(1).asString()))
                .expect(204);
        token(m.email(), TestMembers.PASSWORD).expect(201);
    }

    @Test
    void changingMyAddressNeedsMyPasswordLeavesItUnverifiedAndKeepsMyToken() throws Exception {
        var m = members.create("Emil", "Mover");
        Caller me = signIn(m);
        String next = unique("Emil.New");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("email", next);

        assertThat(put(me, "/me/email", body).expectProblem(401).problemType()).endsWith("/confirmation-required");
        body.put("password", "not my password");
        assertThat(put(me, "/me/email", body).expectProblem(403).problemType()).endsWith("/wrong-confirmation");
        body.put("password", TestMembers.PASSWORD);
        put(me, "/me/email", Map.of("email", "nowhere", "password", TestMembers.PASSWORD)).expectFieldErrors("email");
        put(me, "/me/email", Map.of("email", m.email(), "password", TestMembers.PASSWORD)).expectFieldErrors("email");
        Response taken = put(me, "/me/email", Map.of("email", members.create("Tina", "Taken").email(),
                "password", TestMembers.PASSWORD)).expectProblem(409);
        assertThat(taken.problemType()).endsWith("/email-taken");
        assertThat(taken.detail()).contains("Another account uses this e-mail address");
        put(null, "/me/email", body).expectProblem(401);
        assertThat(get(me, "/me").body().path("email").asString()).as("nothing changed").isEqualTo(m.email());

        JsonNode changed = put(me, "/me/email", body).expect(200).body();
        assertThat(changed.path("email").asString()).isEqualTo(next.toLowerCase());
        assertThat(changed.path("emailVerified").asBoolean()).isFalse();
        JsonNode now = get(me, "/me").expect(200).body();
        assertThat(now.path("email").asString()).as("the token still works").isEqualTo(next.toLowerCase());
        assertThat(now.path("emailVerified").asBoolean()).isFalse();
        token(next, TestMembers.PASSWORD).expect(201);
        token(m.email(), TestMembers.PASSWORD).expectProblem(401);

        String link = EmailVerificationContract.awaitVerificationToken(next.toLowerCase());
        assertThat(perform(MockMvcRequestBuilders.get("/verify-email/" + link)
                .accept(org.springframework.http.MediaType.TEXT_HTML)).status()).isEqualTo(200);
        assertThat(get(me, "/me").body().path("emailVerified").asBoolean()).isTrue();
    }

    @Test
    void theOpenApiDocumentDescribesIssue16sEndpoints() {
        JsonNode paths = perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/v3/api-docs"))
                .expect(200).body().path("paths");
        assertThat(paths.path("/api/v1/password-resets").path("post").path("summary").asString()).isNotBlank();
        assertThat(paths.path("/api/v1/password-resets/{token}").path("post").path("description").asString())
                .contains("410");
        assertThat(paths.path("/api/v1/me").path("delete").path("description").asString())
                .contains("confirmation-required");
        assertThat(paths.path("/api/v1/me").path("delete").has("requestBody")).isTrue();
        assertThat(paths.path("/api/v1/me/email-verification").path("post").path("summary").asString()).isNotBlank();
        assertThat(paths.path("/api/v1/me/email").path("put").path("description").asString())
                .contains("email-taken").contains("wrong-confirmation");
        assertThat(paths.path("/api/v1/me/email").path("put").has("requestBody")).isTrue();
        assertThat(paths.path("/api/v1/me/two-factor").path("post").path("summary").asString()).isNotBlank();
        assertThat(paths.path("/api/v1/me/two-factor").path("delete").path("summary").asString()).isNotBlank();
        assertThat(paths.path("/api/v1/me/two-factor/confirm").path("post").path("summary").asString()).isNotBlank();
        assertThat(paths.path("/api/v1/tokens").path("post").path("description").asString())
                .contains("two-factor-required");
    }

    @Test
    void passwordResetOverTheApiAnswers202ForAnyAddressAndTheLinkSetsThePasswordOnce() throws Exception {
        var m = members.create("Rita", "Reset");
        Caller before = signIn(m);
        post(null, "/password-resets", Map.of("email", unique("nobody"))).expect(202);
        post(null, "/password-resets", Map.of("email", m.email())).expect(202);
        String link = PasswordResetContract.awaitResetToken(m.email(), 1);

        post(null, "/password-resets/" + link, Map.of("password", "password")).expectFieldErrors("password");
        post(null, "/password-resets/" + link, Map.of("password", "a fresh memorable phrase")).expect(204);

        get(before, "/me").expectProblem(401);
        token(m.email(), TestMembers.PASSWORD).expectProblem(401);
        token(m.email(), "a fresh memorable phrase").expect(201);
        assertThat(post(null, "/password-resets/" + link, Map.of("password", "another fresh phrase"))
                .expectProblem(410).problemType()).endsWith("/reset-link-expired");
        assertThat(post(null, "/password-resets/not-a-token", Map.of("password", "another fresh phrase"))
                .expectProblem(404).problemType()).endsWith("/reset-link-not-found");
    }

    @Test
    void signUpThroughTheApiIsLimitedPerClient() {
        String client = "10.78.0." + (System.nanoTime() % 200);
        for (int i = 0; i < accountProperties.signupLimit(); i++) {
            signUpFrom(client, unique("many" + i)).expect(201);
        }
        Response limited = signUpFrom(client, unique("many")).expectProblem(429);
        assertThat(limited.problemType()).endsWith("/too-many-sign-ups");
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 3600L);
        signUpFrom("10.78.1.1", unique("other")).expect(201);
    }

    private Response signUpFrom(String address, String email) {
        var request = org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(API + "/accounts")
                .with(r -> {
                    r.setRemoteAddr(address);
                    return r;
                });
        return perform(null, request, Map.of("email", email, "password", "a long enough password", "name", "Many Made"));
    }

    private Response signInFrom(String address, Map<String, String> body) {
        var request = org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(API + "/tokens")
                .with(r -> {
                    r.setRemoteAddr(address);
                    return r;
                });
        return perform(null, request, body);
    }

    @Test
    void signingOutMakesTheTokenUnusable() {
        var m = members.create("Sam", "Signout");
        String token = token(m.email(), TestMembers.PASSWORD).expect(201).text("token");
        Caller c = new Caller(m, token);
        Caller other = signIn(m);
        get(c, "/me").expect(200);

        delete(c, "/tokens/current").expect(204);

        get(c, "/me").expectProblem(401);
        delete(c, "/tokens/current").expectProblem(401);
        // Another token of the same member still works.
        get(other, "/me").expect(200);
    }

    @Test
    void meShowsMyAccountProfileCountsAndSettings() {
        Caller me = caller("Mia", "Self");
        Caller friend = caller("Fred");
        Caller inviter = caller("Ivan");
        connect(me, friend);
        invitations.invite(inviter.id(), me.id(), null);

        JsonNode body = get(me, "/me").expect(200).body();

        assertThat(body.path("id").asString()).isEqualTo(me.key());
        assertThat(body.path("email").asString()).isEqualTo(me.member().email());
        assertThat(body.path("name").asString()).isEqualTo("Mia Self");
        assertThat(body.path("connectionCount").asLong()).isEqualTo(1);
        assertThat(body.path("pendingInvitations").asLong()).isEqualTo(1);
        assertThat(body.path("settings").path("connectionsVisibility").asString()).as("the default").isEqualTo("CONNECTIONS");
        assertThat(body.path("positions").isArray()).isTrue();
        assertThat(body.path("skills").isArray()).isTrue();
        assertThat(body.path("handles").isObject()).isTrue();
    }

    @Test
    void profilePatchReplacesTheListsGivenAndKeepsWhatIsLeftOut() {
        Caller me = caller("Pat", "Profile");
        Caller viewer = caller("Vera");
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put("headline", "  Compiler   engineer ");
        changes.put("location", "Arlington, VA");
        changes.put("industry", "Software");
        changes.put("positions", List.of(
                Map.of("company", "Remington Rand", "title", "Programmer", "from", 1949, "to", 1955),
                Map.of("company", "US Navy", "title", "Rear Admiral", "from", 1967)));
        changes.put("education", List.of(Map.of("school", "Yale", "degree", "PhD", "from", 1930, "to", 1934)));
        changes.put("skills", List.of("COBOL", "cobol", "Compilers", "  "));
        changes.put("interests", List.of("Nanoseconds"));
        changes.put("handles", Map.of("github", "grace", "Mastodon", "@grace@example.social"));

        JsonNode updated = patch(me, "/me/profile", changes).expect(200).body();

        assertThat(updated.path("headline").asString()).isEqualTo("Compiler engineer");
        assertThat(updated.path("positions")).hasSize(2);
        assertThat(updated.path("positions").get(0).path("company").asString()).isEqualTo("Remington Rand");
        assertThat(updated.path("positions").get(1).path("to").isNull()).isTrue();
        assertThat(updated.path("education").get(0).path("school").asString()).isEqualTo("Yale");
        assertThat(texts(updated.path("skills"))).containsExactly("COBOL", "Compilers");
        assertThat(updated.path("handles").path("mastodon").asString()).isEqualTo("@grace@example.social");

        JsonNode seen = get(viewer, "/members/" + me.key()).expect(200).body();
        assertThat(seen.path("headline").asString()).isEqualTo("Compiler engineer");
        assertThat(seen.path("location").asString()).isEqualTo("Arlington, VA");
        assertThat(seen.path("positions")).hasSize(2);
        assertThat(texts(seen.path("interests"))).containsExactly("Nanoseconds");
        assertThat(seen.path("handles").path("github").asString()).isEqualTo("grace");
        assertThat(seen.has("email")).as("another member does not see my e-mail address").isFalse();

        JsonNode again = patch(me, "/me/profile", Map.of("skills", List.of("Leadership"))).expect(200).body();
        assertThat(texts(again.path("skills"))).containsExactly("Leadership");
        assertThat(again.path("headline").asString()).as("left out, left alone").isEqualTo("Compiler engineer");
        assertThat(again.path("positions")).hasSize(2);
    }

    @Test
    void invalidProfilePatchNamesEachFieldAndChangesNothing() {
        Caller me = caller("Ivy", "Invalid");
        patch(me, "/me/profile", Map.of("headline", "Before")).expect(200);
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put("headline", "h".repeat(221));
        changes.put("positions", List.of(Map.of("title", "No company"),
                Map.of("company", "Acme", "from", 2010, "to", 2005)));
        changes.put("education", List.of(Map.of("school", "Old School", "from", 1200)));
        changes.put("skills", List.of("s".repeat(81)));
        changes.put("handles", Map.of("not a network!", "me"));
        changes.put("firstName", "");

        Response r = patch(me, "/me/profile", changes).expectFieldErrors("headline", "positions[0].company",
                "positions[1].to", "education[0].from", "skills[0]", "handles", "firstName");

        assertThat(r.errorMessage("headline")).contains("220");
        assertThat(r.errorMessage("positions[1].to")).contains("before the start");
        JsonNode after = get(me, "/me").expect(200).body();
        assertThat(after.path("headline").asString()).isEqualTo("Before");
        assertThat(after.path("positions")).isEmpty();
        assertThat(after.path("firstName").asString()).isEqualTo("Ivy");
    }

    @Test
    void deletingMyAccountErasesMeMyConnectionsAndMyInvitations() {
        Caller leaver = caller("Lea", "Leaver");
        Caller friend = caller("Fay");
        Caller other = caller("Oli");
        Caller invited = caller("Ina");
        connect(leaver, friend);
        connect(leaver, other);
        connect(friend, other);
        invitations.invite(leaver.id(), invited.id(), "hello");
        assertThat(get(friend, "/me").body().path("connectionCount").asLong()).isEqualTo(2);
        assertThat(get(other, "/members/" + friend.key()).body().path("connectionCount").asLong()).isEqualTo(2);

        delete(leaver, "/me").expectProblem(401);
        perform(leaver, MockMvcRequestBuilders.delete(API + "/me"), Map.of("password", "not my password"))
                .expectProblem(403);
        assertThat(get(friend, "/me").body().path("connectionCount").asLong())
                .as("a refused deletion deletes nothing").isEqualTo(2);
        perform(leaver, MockMvcRequestBuilders.delete(API + "/me"), Map.of("password", TestMembers.PASSWORD))
                .expect(204);

        assertThat(get(friend, "/me").expect(200).body().path("connectionCount").asLong()).isEqualTo(1);
        assertThat(get(other, "/members/" + friend.key()).body().path("connectionCount").asLong()).isEqualTo(1);
        get(friend, "/members/" + leaver.key()).expectProblem(404);
        assertThat(get(friend, "/members/" + friend.key() + "/connections").expect(200).itemIds("member"))
                .containsExactly(other.key());
        assertThat(get(invited, "/invitations/received").expect(200).body().path("total").asLong()).isZero();
        assertThat(get(invited, "/me").body().path("pendingInvitations").asLong()).isZero();
        // The deleted member's tokens are gone.
        get(leaver, "/me").expectProblem(401);
        assertThat(index.graph().connectionCount((int) leaver.id())).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM members WHERE id = :id").param("id", leaver.id())
                .query(Long.class).single()).isZero();
    }

    private static List<String> texts(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }
}
