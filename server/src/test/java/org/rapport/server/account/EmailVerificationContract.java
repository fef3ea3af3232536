package org.rapport.server.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.rapport.server.member.Member;
import org.rapport.server.support.IntegrationContract;
import org.rapport.server.support.TestSmtp;
import org.rapport.server.system.RateLimitException;
import org.springframework.beans.factory.annotation.Autowired;

/** E-mail verification (issue 16) on both databases, with the mail read from GreenMail. */
public abstract class EmailVerificationContract extends IntegrationContract {

    static final Pattern LINK = Pattern.compile("https?://\\S+/verify-email/([A-Za-z0-9_-]+)");
    static final String SUBJECT = "Confirm your e-mail address for Rapport";

    @Autowired
    AccountService accounts;
    @Autowired
    EmailVerifications verifications;

    private static String unique(String local) {
        return local + "." + System.nanoTime() + "@example.org";
    }

    /** Waits up to 10 s for the latest verification mail to {@code email} and returns its link's token. */
    public static String awaitVerificationToken(String email) throws Exception {
        return awaitVerificationToken(email, 1);
    }

    static String awaitVerificationToken(String email, int n) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            List<MimeMessage> mails = TestSmtp.messagesTo(email).stream().filter(m -> {
                try {
                    return SUBJECT.equals(m.getSubject());
                } catch (jakarta.mail.MessagingException e) {
                    return false;
                }
            }).toList();
            if (mails.size() >= n) {
                Matcher link = LINK.matcher(mails.get(n - 1).getContent().toString());
                assertThat(link.find()).as("the mail holds a verification link").isTrue();
                return link.group(1);
            }
            assertThat(System.nanoTime()).as("verification mail %d reaches %s within 10 s", n, email)
                    .isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    @Test
    void signUpMailsALinkThatVerifiesTheAddressOnce() throws Exception {
        String email = unique("verify");
        Member m = accounts.signUp(email, "a long enough password", "Vera", "");
        assertThat(verifications.isVerified(m.id())).isFalse();

        String token = awaitVerificationToken(email);
        assertThat(jdbc.sql("SELECT count(*) FROM account_links WHERE token_hash = :t").param("t", token)
                .query(Long.class).single()).as("the token itself is not stored").isZero();
        assertThat(verifications.verify(token)).isEqualTo(m.id());
        assertThat(verifications.isVerified(m.id())).isTrue();
        assertThatThrownBy(() -> verifications.verify(token)).isInstanceOf(VerificationLinkInvalidException.class);
        assertThatThrownBy(() -> verifications.resend(m.id())).isInstanceOf(EmailAlreadyVerifiedException.class);
        assertThatThrownBy(() -> verifications.verify("made-up")).isInstanceOf(VerificationLinkInvalidException.class);
    }

    @Test
    void aMemberMayAskAgainOnceAMinuteAndFiveTimesADayAndALinkLapsesAfterSevenDays() throws Exception {
        String email = unique("again");
        Member m = accounts.signUp(email, "a long enough password", "Agnes", "");
        String first = awaitVerificationToken(email, 1);
        RateLimitException tooSoon = catchThrowableOfType(RateLimitException.class, () -> verifications.resend(m.id()));
        assertThat(tooSoon).as("within a minute of the sign-up mail").isNotNull();
        assertThat(tooSoon.retryAfterSeconds()).isEqualTo(60);
        clock.advance(Duration.ofSeconds(20));
        assertThat(catchThrowableOfType(RateLimitException.class, () -> verifications.resend(m.id())).retryAfterSeconds())
                .isEqualTo(40);
        for (int n = 2; n <= 5; n++) {
            clock.advance(Duration.ofMinutes(1));
            verifications.resend(m.id());
        }
        String fifth = awaitVerificationToken(email, 5);
        clock.advance(Duration.ofMinutes(10));
        RateLimitException perDay = catchThrowableOfType(RateLimitException.class, () -> verifications.resend(m.id()));
        assertThat(perDay.getMessage() + perDay.detail()).contains("5 times today");
        // The sign-up mail went 24 h 20 s before the next one may.
        assertThat(perDay.retryAfter()).isEqualTo(Duration.ofDays(1).minus(Duration.ofMinutes(14).plusSeconds(20)));
        Thread.sleep(200);
        assertThat(TestSmtp.messagesTo(email)).as("refused requests mail nothing").hasSize(5);

        clock.advance(Duration.ofDays(7).plusMinutes(1));
        assertThatThrownBy(() -> verifications.verify(first)).isInstanceOf(VerificationLinkInvalidException.class);
        assertThatThrownBy(() -> verifications.verify(fifth)).isInstanceOf(VerificationLinkInvalidException.class);
        verifications.resend(m.id());
        assertThat(verifications.verify(awaitVerificationToken(email, 6))).isEqualTo(m.id());
    }

    static final String NOTICE = "Your Rapport e-mail address was changed";

    @Test
    void changingTheAddressNeedsThePasswordMailsTheNewOneALinkAndTellsTheOldOne() throws Exception {
        String old = unique("before");
        String next = unique("after");
        Member m = accounts.signUp(old, "a long enough password", "Chandra", "Change");
        String oldLink = awaitVerificationToken(old);
        verifications.verify(oldLink);
        clock.advance(Duration.ofMinutes(2));
        MemberPrincipal session = accounts.authenticate(old, "a long enough password", null);

        assertThatThrownBy(() -> verifications.changeEmail(m.id(), next, null, null))
                .isInstanceOf(ConfirmationRequiredException.class);
        assertThatThrownBy(() -> verifications.changeEmail(m.id(), next, "not my password", null))
                .isInstanceOf(WrongConfirmationException.class);
        assertThat(catchThrowableOfType(org.rapport.server.system.ValidationException.class,
                () -> verifications.changeEmail(m.id(), "not an address", "a long enough password", null))
                .messageFor("email")).contains("does not look like");
        assertThat(catchThrowableOfType(org.rapport.server.system.ValidationException.class,
                () -> verifications.changeEmail(m.id(), " " + old.toUpperCase() + " ", "a long enough password", null))
                .messageFor("email")).contains("already");
        Member other = members.create("Taken");
        assertThat(catchThrowableOfType(EmailTakenException.class,
                () -> verifications.changeEmail(m.id(), other.email().toUpperCase(), "a long enough password", null))
                .detail()).contains("Another account uses this e-mail address");
        assertThat(memberEmail(m.id())).as("nothing changed while refused").isEqualTo(old);
        assertThat(verifications.isVerified(m.id())).isTrue();

        assertThat(verifications.changeEmail(m.id(), " " + next.toUpperCase(), "a long enough password", null))
                .isEqualTo(next);
        assertThat(memberEmail(m.id())).isEqualTo(next);
        assertThat(verifications.isVerified(m.id())).as("the new address is not verified yet").isFalse();
        assertThat(accounts.isCurrent(session)).as("sessions keep working").isTrue();
        assertThat(accounts.authenticate(next, "a long enough password", null).memberId()).isEqualTo(m.id());
        assertThatThrownBy(() -> accounts.authenticate(old, "a long enough password", null))
                .isInstanceOf(InvalidCredentialsException.class);

        String link = awaitVerificationToken(next);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (PasswordResetContract.mailsWithSubject(old, NOTICE).isEmpty()) {
            assertThat(System.nanoTime()).as("the old address is told").isLessThan(deadline);
            Thread.sleep(50);
        }
        assertThat(PasswordResetContract.mailsWithSubject(old, NOTICE).get(0).getContent().toString())
                .contains(old).contains(next);
        assertThat(TestSmtp.messagesTo(next)).as("only the link goes to the new address").hasSize(1);

        assertThat(catchThrowableOfType(RateLimitException.class,
                () -> verifications.changeEmail(m.id(), unique("third"), "a long enough password", null)))
                .as("a change mails a link: at most one a minute").isNotNull();
        assertThat(memberEmail(m.id())).isEqualTo(next);

        assertThat(verifications.verify(link)).isEqualTo(m.id());
        assertThat(verifications.isVerified(m.id())).isTrue();
    }

    @Test
    void linksSentToTheOldAddressEndWhenTheAddressChanges() throws Exception {
        String old = unique("stale");
        Member m = accounts.signUp(old, "a long enough password", "Stella", "Stale");
        String unverifiedOldLink = awaitVerificationToken(old);
        clock.advance(Duration.ofMinutes(2));
        String next = verifications.changeEmail(m.id(), unique("fresh"), "a long enough password", null);

        assertThatThrownBy(() -> verifications.verify(unverifiedOldLink))
                .as("the old address's link verifies nothing now").isInstanceOf(VerificationLinkInvalidException.class);
        assertThat(verifications.isVerified(m.id())).isFalse();
        assertThat(verifications.verify(awaitVerificationToken(next))).isEqualTo(m.id());
    }

    private String memberEmail(long id) {
        return jdbc.sql("SELECT email FROM members WHERE id = :id").param("id", id).query(String.class).single();
    }
}
