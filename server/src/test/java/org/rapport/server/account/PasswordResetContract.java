package org.rapport.server.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.rapport.server.member.Member;
import org.rapport.server.support.IntegrationContract;
import org.rapport.server.support.TestSmtp;
import org.rapport.server.system.ValidationException;
import org.springframework.beans.factory.annotation.Autowired;

/** Password reset by e-mail (issue 16) on both databases, with the mail read from GreenMail. */
abstract class PasswordResetContract extends IntegrationContract {

    static final Pattern LINK = Pattern.compile("https?://\\S+/password-reset/([A-Za-z0-9_-]+)");

    @Autowired
    AccountService accounts;
    @Autowired
    PasswordResets resets;
    @Autowired
    EmailVerifications verifications;
    @Autowired
    org.rapport.server.member.MemberRepository memberRows;

    @Test
    void importedMembersClaimTheirAccountsThroughAMailedLinkThatAlsoVerifiesTheAddress() throws Exception {
        String email = unique("imported");
        long id = memberRows.insert(email, AccountService.NO_PASSWORD, "imported-stamp", "Imogen", "Ported", null,
                clock.instant());
        assertThatThrownBy(() -> accounts.authenticate(email, "anything at all", null))
                .isInstanceOf(InvalidCredentialsException.class);

        assertThat(resets.sendClaimLinks()).isPositive();
        String token = awaitLinkToken(email, 1, "Your Rapport account is waiting for you");
        resets.sendClaimLinks();
        Thread.sleep(200);
        assertThat(mailsWithSubject(email, "Your Rapport account is waiting for you"))
                .as("an open claim link is not sent again").hasSize(1);

        assertThat(resets.resetPassword(token, "a fresh memorable phrase")).isEqualTo(id);
        assertThat(accounts.authenticate(email, "a fresh memorable phrase", null).memberId()).isEqualTo(id);
        assertThat(verifications.isVerified(id)).as("the mailed link proved the address").isTrue();
        assertThatThrownBy(() -> resets.resetPassword(token, "another fresh phrase"))
                .isInstanceOf(ResetLinkExpiredException.class);
    }

    private static String unique(String local) {
        return local + "." + System.nanoTime() + "@example.org";
    }

    /** Waits up to 10 s for the {@code n}-th mail to {@code email} and returns the token of its link. */
    static String awaitResetToken(String email, int n) throws Exception {
        return awaitLinkToken(email, n, "Reset your Rapport password");
    }

    static String awaitLinkToken(String email, int n, String subject) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            List<MimeMessage> mails = mailsWithSubject(email, subject);
            if (mails.size() >= n) {
                MimeMessage mail = mails.get(n - 1);
                assertThat(mail.getSubject()).isEqualTo(subject);
                Matcher link = LINK.matcher(mail.getContent().toString());
                assertThat(link.find()).as("the mail holds a reset link").isTrue();
                return link.group(1);
            }
            assertThat(System.nanoTime()).as("a reset mail reaches %s within 10 s", email).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /** Mails to {@code email} with this subject (a new account also receives its verification mail). */
    static List<MimeMessage> mailsWithSubject(String email, String subject) {
        return TestSmtp.messagesTo(email).stream().filter(m -> {
            try {
                return subject.equals(m.getSubject());
            } catch (jakarta.mail.MessagingException e) {
                return false;
            }
        }).toList();
    }

    @Test
    void aResetLinkSetsTheNewPasswordOnceAndEndsEverySessionAndToken() throws Exception {
        String email = unique("forgetful");
        Member m = accounts.signUp(email, "a long enough password", "Forgetful", "");
        MemberPrincipal session = accounts.authenticate(email, "a long enough password", null);
        var token = accounts.issueToken(m.id());

        resets.requestReset(email.toUpperCase());
        String link = awaitResetToken(email, 1);
        assertThat(jdbc.sql("SELECT token_hash FROM account_links WHERE member_id = :m AND purpose = 'PASSWORD_RESET'").param("m", m.id())
                .query(String.class).list()).as("only the digest is stored").containsExactly(AccountService.digest(link))
                .doesNotContain(link);

        assertThatThrownBy(() -> resets.resetPassword(link, "12345678"))
                .as("a weak password is refused with the reason").isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.messageFor("password")).contains("most common"));
        assertThat(resets.resetPassword(link, "a fresh memorable phrase")).isEqualTo(m.id());

        assertThat(accounts.isCurrent(session)).as("the old session ends").isFalse();
        assertThat(accounts.resolveToken(token.token())).as("the old API token ends").isEmpty();
        assertThatThrownBy(() -> accounts.authenticate(email, "a long enough password", null))
                .isInstanceOf(InvalidCredentialsException.class);
        assertThat(accounts.authenticate(email, "a fresh memorable phrase", null).memberId()).isEqualTo(m.id());
        assertThatThrownBy(() -> resets.resetPassword(link, "another fresh phrase"))
                .as("the link works once").isInstanceOf(ResetLinkExpiredException.class);
    }

    @Test
    void anUnknownAddressGetsNoMailAndAnUnknownTokenIsNotFound() {
        String nobody = unique("nobody");
        resets.requestReset(nobody);
        resets.requestReset("not an address");
        assertThat(TestSmtp.messagesTo(nobody)).isEmpty();
        assertThatThrownBy(() -> resets.resetPassword("made-up-token", "a fresh memorable phrase"))
                .isInstanceOf(ResetLinkNotFoundException.class);
    }

    @Test
    void aLinkLapsesAfterAnHourAndANewPasswordEndsTheOtherLinks() throws Exception {
        String email = unique("slow");
        accounts.signUp(email, "a long enough password", "Slow", "");
        resets.requestReset(email);
        String first = awaitResetToken(email, 1);
        clock.advance(Duration.ofMinutes(61));
        assertThatThrownBy(() -> resets.checkLink(first)).isInstanceOf(ResetLinkExpiredException.class);
        assertThatThrownBy(() -> resets.resetPassword(first, "a fresh memorable phrase"))
                .isInstanceOf(ResetLinkExpiredException.class);

        resets.requestReset(email);
        String second = awaitResetToken(email, 2);
        resets.requestReset(email);
        String third = awaitResetToken(email, 3);
        resets.resetPassword(third, "a fresh memorable phrase");
        assertThatThrownBy(() -> resets.resetPassword(second, "yet another fresh phrase"))
                .isInstanceOf(ResetLinkExpiredException.class);
    }

    @Test
    void anAddressReceivesAtMostThreeLinksAnHourButTheAdminActionAlwaysSends() throws Exception {
        String email = unique("bombed");
        Member m = accounts.signUp(email, "a long enough password", "Bombed", "");
        for (int i = 0; i < 5; i++) {
            resets.requestReset(email);
        }
        awaitResetToken(email, 3);
        resets.sendResetLink(m.id());
        awaitResetToken(email, 4);
        Thread.sleep(300);
        assertThat(mailsWithSubject(email, "Reset your Rapport password")).hasSize(4);
    }
}
