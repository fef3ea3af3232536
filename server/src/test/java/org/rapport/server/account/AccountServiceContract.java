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
    void wrongPasswordAndUnknownEmailFailAlikeAndRepeatedFailuresAreThrottled() {
        String email = unique("throttle");
        accounts.signUp(email, "a long enough password", "T", "");
        assertThatThrownBy(() -> accounts.authenticate(email, "wrong", "10.0.0.2"))
                .isInstanceOf(InvalidCredentialsException.class);
        assertThatThrownBy(() -> accounts.authenticate(unique("nobody"), "wrong", "10.0.0.2"))
                .isInstanceOf(InvalidCredentialsException.class);
        for (int i = 0; i < 9; i++) {
            assertThatThrownBy(() -> accounts.authenticate(email, "wrong", "10.0.0.3"))
                    .isInstanceOf(InvalidCredentialsException.class);
        }
        assertThatThrownBy(() -> accounts.authenticate(email, "a long enough password", "10.0.0.4"))
                .as("even the right password waits once the address is locked")
                .isInstanceOf(RateLimitException.class);
        clock.advance(java.time.Duration.ofMinutes(16));
        assertThat(accounts.authenticate(email, "a long enough password", "10.0.0.4").memberId()).isPositive();
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
