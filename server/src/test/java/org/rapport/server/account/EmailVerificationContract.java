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
    void aMemberMayAskAgainThreeTimesAnHourAndALinkLapsesAfterSevenDays() throws Exception {
        String email = unique("again");
        Member m = accounts.signUp(email, "a long enough password", "Agnes", "");
        String first = awaitVerificationToken(email, 1);
        verifications.resend(m.id());
        verifications.resend(m.id());
        assertThatThrownBy(() -> verifications.resend(m.id())).isInstanceOf(RateLimitException.class);
        String third = awaitVerificationToken(email, 3);

        clock.advance(Duration.ofDays(7).plusMinutes(1));
        assertThatThrownBy(() -> verifications.verify(first)).isInstanceOf(VerificationLinkInvalidException.class);
        assertThatThrownBy(() -> verifications.verify(third)).isInstanceOf(VerificationLinkInvalidException.class);
        verifications.resend(m.id());
        assertThat(verifications.verify(awaitVerificationToken(email, 4))).isEqualTo(m.id());
    }
}
