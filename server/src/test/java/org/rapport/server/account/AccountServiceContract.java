package org.rapport.server.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.rapport.server.invitation.Invitation;
import org.rapport.server.member.Member;
import org.rapport.server.member.MemberRepository;
import org.rapport.server.network.Degree;
import org.rapport.server.network.NetworkService;
import org.rapport.server.system.RateLimitException;
import org.rapport.server.system.ValidationException;
import org.rapport.server.support.IntegrationContract;
import org.rapport.server.support.TestMembers;
import org.springframework.beans.factory.annotation.Autowired;

/** Sign-up, credentials, tokens and account deletion (I4) on both databases. */
abstract class AccountServiceContract extends IntegrationContract {

    @Autowired
    AccountService accounts;
    @Autowired
    MemberRepository memberRows;
    @Autowired
    NetworkService network;

    private static String unique(String local) {
        return local + "." + System.nanoTime() + "@example.org";
    }

    @Test
    void signUpStoresAnArgon2HashAndANormalisedEmail() {
        String email = unique("Grace.Hopper");
        Member m = accounts.signUp("  " + email.toUpperCase() + " ", "a long enough password", " Grace ", "Hopper");
        assertThat(m.email()).isEqualTo(email.toLowerCase());
        assertThat(m.firstName()).isEqualTo("Grace");
        String hash = memberRows.findCredentials(m.id()).orElseThrow().passwordHash();
        assertThat(hash).startsWith("$argon2id$").doesNotContain("a long enough password");
        assertThat(accounts.authenticate(email, "a long enough password", "10.0.0.1").memberId()).isEqualTo(m.id());
    }

    @Test
    void signUpReportsEveryProblemAtOnce() {
        assertThatThrownBy(() -> accounts.signUp("not-an-email", "short", "", "x".repeat(61)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .extracting(ValidationException.FieldError::field)
                        .containsExactlyInAnyOrder("email", "password", "firstName", "lastName"));
    }

    @Test
    void secondAccountWithTheSameEmailInAnyCaseIsRefused() {
        String email = unique("dup");
        accounts.signUp(email, "a long enough password", "First", "");
        assertThatThrownBy(() -> accounts.signUp(email.toUpperCase(), "another password", "Second", ""))
                .isInstanceOf(EmailTakenException.class);
    }

    @Test
    void commonAndGuessablePasswordsAreRefusedAndTheMessageSaysWhy() {
        for (String common : List.of("12345678", "password", "PassWord", "qwertyuiop")) {
            assertThatThrownBy(() -> accounts.signUp(unique("common"), common, "C", ""))
                    .as(common).isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.messageFor("password"))
                            .contains("one of the most common passwords"));
        }
        assertThatThrownBy(() -> accounts.signUp(unique("guessable"), "iloveyou123", "G", ""))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.messageFor("password"))
                        .startsWith("This password is too easy to guess.").contains("commonly used password"));
        String email = unique("margaretta");
        assertThatThrownBy(() -> accounts.signUp(email, "Margaretta1", "Margaretta", "Smithfield"))
                .as("the member's own name counts as a known word")
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.messageFor("password"))
                        .startsWith("This password is too easy to guess."));
        assertThat(memberRows.findIdByEmail(email)).isEmpty();

        Member m = accounts.signUp(unique("strong"), "a long enough password", "S", "");
        assertThatThrownBy(() -> accounts.changePassword(m.id(), "a long enough password", "password1"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.messageFor("newPassword"))
                        .contains("most common"));
    }

    @Test
    void deletingThroughConfirmationNeedsTheRightPassword() {
        Member m = accounts.signUp(unique("confirm"), "a long enough password", "C", "");
        assertThatThrownBy(() -> accounts.confirmWithPassword(m.id(), null, "10.0.7.1"))
                .isInstanceOfSatisfying(ConfirmationRequiredException.class, e -> assertThat(e.status()).isEqualTo(401));
        assertThatThrownBy(() -> accounts.confirmWithPassword(m.id(), "not it", "10.0.7.1"))
                .isInstanceOfSatisfying(WrongConfirmationException.class, e -> assertThat(e.status()).isEqualTo(403));
        accounts.confirmWithPassword(m.id(), "a long enough password", "10.0.7.1");
    }

    @Test
    void wrongPasswordAndUnknownEmailFailAlike() {
        String email = unique("alike");
        accounts.signUp(email, "a long enough password", "T", "");
        assertThatThrownBy(() -> accounts.authenticate(email, "wrong", "10.0.0.2"))
                .isInstanceOf(InvalidCredentialsException.class);
        assertThatThrownBy(() -> accounts.authenticate(unique("nobody"), "wrong", "10.0.0.2"))
                .isInstanceOf(InvalidCredentialsException.class);
    }

    @Test
    void tenFailuresFromOneClientDoNotLockTheOwnerOutFromAnother() {
        String email = unique("owner");
        accounts.signUp(email, "a long enough password", "Owner", "");
        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> accounts.authenticate(email, "guess", "10.0.1.66"))
                    .isInstanceOf(InvalidCredentialsException.class);
        }
        assertThatThrownBy(() -> accounts.authenticate(email, "a long enough password", "10.0.1.66"))
                .as("the guessing client waits, even with the right password")
                .isInstanceOf(RateLimitException.class);

        assertThat(accounts.authenticate(email, "a long enough password", "10.0.1.7").memberId())
                .as("the owner, from a client that has not been failing, gets in at once").isPositive();
    }

    @Test
    void theGuessersWaitDoublesWithEachFailureAndIsCapped() {
        String email = unique("doubling");
        accounts.signUp(email, "a long enough password", "D", "");
        String guesser = "10.0.2." + (System.nanoTime() % 200);
        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> accounts.authenticate(email, "guess", guesser))
                    .isInstanceOf(InvalidCredentialsException.class);
        }
        java.util.List<Long> waits = new java.util.ArrayList<>();
        for (int round = 0; round < 7; round++) {
            RateLimitException limited = catchRateLimit(() -> accounts.authenticate(email, "guess", guesser));
            waits.add(limited.retryAfterSeconds());
            clock.advance(limited.retryAfter());
            assertThatThrownBy(() -> accounts.authenticate(email, "guess", guesser))
                    .as("after waiting the password is checked again").isInstanceOf(InvalidCredentialsException.class);
        }
        assertThat(waits).containsExactly(30L, 60L, 120L, 240L, 480L, 900L, 900L);

        RateLimitException limited = catchRateLimit(() -> accounts.authenticate(email, "a long enough password", guesser));
        clock.advance(limited.retryAfter());
        assertThat(accounts.authenticate(email, "a long enough password", guesser).memberId()).isPositive();
        assertThatThrownBy(() -> accounts.authenticate(email, "guess", guesser))
                .as("a success forgives the pair's failures").isInstanceOf(InvalidCredentialsException.class);
    }

    @Test
    void aClientGuessingManyAddressesIsSlowedButOthersAreNot() {
        String client = "10.0.3." + (System.nanoTime() % 200);
        for (int i = 0; i < 50; i++) {
            String victim = unique("spray" + i);
            assertThatThrownBy(() -> accounts.authenticate(victim, "guess", client))
                    .isInstanceOf(InvalidCredentialsException.class);
        }
        String fresh = unique("fresh");
        accounts.signUp(fresh, "a long enough password", "F", "");
        assertThatThrownBy(() -> accounts.authenticate(fresh, "a long enough password", client))
                .isInstanceOf(RateLimitException.class);
        assertThat(accounts.authenticate(fresh, "a long enough password", "10.0.4.1").memberId()).isPositive();
    }

    @Autowired
    AccountProperties accountProperties;

    @Test
    void signUpsAreLimitedPerClientAndFailedOnesCostNothing() {
        String client = "10.0.5." + (System.nanoTime() % 200);
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> accounts.signUp("not an address", "a long enough password", "X", "", client))
                    .isInstanceOf(ValidationException.class);
        }
        for (int i = 0; i < accountProperties.signupLimit(); i++) {
            accounts.signUp(unique("batch" + i), "a long enough password", "B", "", client);
        }
        String eleventh = unique("eleventh");
        assertThatThrownBy(() -> accounts.signUp(eleventh, "a long enough password", "B", "", client))
                .isInstanceOfSatisfying(RateLimitException.class, e -> {
                    assertThat(e.type()).isEqualTo("too-many-sign-ups");
                    assertThat(e.retryAfterSeconds()).isBetween(1L, 3600L);
                });
        assertThat(memberRows.findIdByEmail(eleventh)).isEmpty();
        accounts.signUp(unique("elsewhere"), "a long enough password", "B", "", "10.0.6.1");
        clock.advance(java.time.Duration.ofHours(1));
        accounts.signUp(eleventh, "a long enough password", "B", "", client);
    }

    private static RateLimitException catchRateLimit(Runnable call) {
        try {
            call.run();
        } catch (RateLimitException e) {
            return e;
        }
        throw new AssertionError("expected a RateLimitException");
    }

    @Test
    void tokensResolveUntilRevokedAndPasswordChangeRevokesThemAll() {
        String email = unique("tokens");
        Member m = accounts.signUp(email, "a long enough password", "T", "");
        var t1 = accounts.issueToken(m.id());
        var t2 = accounts.issueToken(m.id());
        assertThat(accounts.resolveToken(t1.token())).get().extracting(MemberPrincipal::memberId).isEqualTo(m.id());
        assertThat(accounts.resolveToken("rpt_forged")).isEmpty();
        assertThat(accounts.revokeToken(t1.token())).isTrue();
        assertThat(accounts.resolveToken(t1.token())).isEmpty();

        MemberPrincipal before = accounts.authenticate(email, "a long enough password", null);
        MemberPrincipal after = accounts.changePassword(m.id(), "a long enough password", "a brand new password");
        assertThat(accounts.resolveToken(t2.token())).isEmpty();
        assertThat(accounts.isCurrent(before)).as("other sessions are signed out").isFalse();
        assertThat(accounts.isCurrent(after)).isTrue();
        assertThatThrownBy(() -> accounts.authenticate(email, "a long enough password", null))
                .isInstanceOf(InvalidCredentialsException.class);
    }

    @Test
    void changePasswordChecksTheCurrentOne() {
        Member m = accounts.signUp(unique("pw"), "a long enough password", "P", "");
        assertThatThrownBy(() -> accounts.changePassword(m.id(), "wrong", "short"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .extracting(ValidationException.FieldError::field)
                        .containsExactlyInAnyOrder("currentPassword", "newPassword"));
    }

    @Test
    void deletingAnAccountErasesItsDataAndEdges() {
        Member leaving = members.create("Leaving");
        Member friend = members.create("Friend");
        Member invited = members.create("Invited");
        Member inviter = members.create("Inviter");
        connect(leaving, friend);
        Invitation out = invitations.invite(leaving.id(), invited.id(), "hello").invitation();
        Invitation in = invitations.invite(inviter.id(), leaving.id(), null).invitation();
        var token = accounts.issueToken(leaving.id());

        accounts.delete(leaving.id());

        assertThat(memberRows.findById(leaving.id())).isEmpty();
        assertThat(network.degree(friend.id(), leaving.id())).isEqualTo(Degree.OUT_OF_NETWORK);
        assertThat(network.connectionCount(friend.id())).isZero();
        assertThat(invitations.receivedCount(invited.id())).isZero();
        assertThat(invitations.sentCount(inviter.id())).isZero();
        assertThat(accounts.resolveToken(token.token())).isEmpty();
        for (String table : List.of("connections WHERE member_lo = :id OR member_hi = :id",
                "invitations WHERE sender_id = :id OR recipient_id = :id",
                "notifications WHERE member_id = :id OR actor_id = :id",
                "member_positions WHERE member_id = :id", "api_tokens WHERE member_id = :id")) {
            assertThat(jdbc.sql("SELECT count(*) FROM " + table).param("id", leaving.id()).query(Long.class).single())
                    .as(table).isZero();
        }
        assertThat(out.id()).isNotEqualTo(in.id());
    }

    @Test
    void testMembersShareTheDocumentedPassword() {
        Member m = members.create("Pw");
        assertThat(accounts.passwordMatches(m.id(), TestMembers.PASSWORD)).isTrue();
        assertThat(accounts.passwordMatches(m.id(), "nope")).isFalse();
    }
}
