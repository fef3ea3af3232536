package org.rapport.server.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.rapport.server.member.Member;
import org.rapport.server.support.IntegrationContract;
import org.rapport.server.system.ValidationException;
import org.springframework.beans.factory.annotation.Autowired;

/** Two-factor sign-in (issue 16) on both databases: set-up, codes once each, recovery codes, switching off. */
abstract class TwoFactorContract extends IntegrationContract {

    @Autowired
    AccountService accounts;
    @Autowired
    TwoFactor twoFactor;

    private static String unique(String local) {
        return local + "." + System.nanoTime() + "@example.org";
    }

    @Test
    void setUpThenSignInWithACodeOnceAndWithARecoveryCodeOnce() {
        String email = unique("totp");
        Member m = accounts.signUp(email, "a long enough password", "Tot", "");
        TwoFactor.Setup setup = twoFactor.begin(m.id());
        assertThat(setup.otpauthUri()).startsWith("otpauth://totp/").contains("secret=" + setup.secret())
                .contains("issuer=Rapport");
        assertThat(setup.qrDataUri()).startsWith("data:image/png;base64,");
        assertThat(twoFactor.isEnabled(m.id())).as("not on before a code confirms it").isFalse();
        assertThat(accounts.authenticate(email, "a long enough password", "10.1.0.1").memberId()).isEqualTo(m.id());

        assertThatThrownBy(() -> twoFactor.confirm(m.id(), "000000")).isInstanceOf(ValidationException.class);
        List<String> recovery = twoFactor.confirm(m.id(), twoFactor.currentCode(setup.secret()));
        assertThat(recovery).hasSize(10).doesNotHaveDuplicates();
        assertThat(jdbc.sql("SELECT code_hash FROM recovery_codes WHERE member_id = :m").param("m", m.id())
                .query(String.class).list()).hasSize(10).doesNotContainAnyElementsOf(recovery);

        assertThatThrownBy(() -> accounts.authenticate(email, "a long enough password", "10.1.0.1"))
                .isInstanceOf(TwoFactorRequiredException.class);
        assertThatThrownBy(() -> accounts.authenticate(email, "a long enough password", "10.1.0.1",
                twoFactor.currentCode(setup.secret())))
                .as("the code that confirmed set-up cannot be used again").isInstanceOf(InvalidTwoFactorCodeException.class);
        clock.advance(Duration.ofSeconds(30));
        String code = twoFactor.currentCode(setup.secret());
        assertThat(accounts.authenticate(email, "a long enough password", "10.1.0.1", code).memberId()).isEqualTo(m.id());
        assertThatThrownBy(() -> accounts.authenticate(email, "a long enough password", "10.1.0.1", code))
                .isInstanceOf(InvalidTwoFactorCodeException.class);
        assertThatThrownBy(() -> accounts.authenticate(email, "wrong password", "10.1.0.1", code))
                .as("a code never stands in for the password").isInstanceOf(InvalidCredentialsException.class);

        assertThat(accounts.authenticate(email, "a long enough password", "10.1.0.1", recovery.get(0).toUpperCase())
                .memberId()).isEqualTo(m.id());
        assertThatThrownBy(() -> accounts.authenticate(email, "a long enough password", "10.1.0.1", recovery.get(0)))
                .as("a recovery code works once").isInstanceOf(InvalidTwoFactorCodeException.class);
    }

    @Test
    void switchingOffNeedsAValidCodeAndThenSignInNeedsNone() {
        String email = unique("off");
        Member m = accounts.signUp(email, "a long enough password", "Off", "");
        assertThatThrownBy(() -> twoFactor.disable(m.id(), "123456")).isInstanceOf(TwoFactorStateException.class);
        assertThatThrownBy(() -> twoFactor.confirm(m.id(), "123456")).isInstanceOf(TwoFactorStateException.class);
        TwoFactor.Setup setup = twoFactor.begin(m.id());
        List<String> recovery = twoFactor.confirm(m.id(), twoFactor.currentCode(setup.secret()));
        assertThatThrownBy(() -> twoFactor.begin(m.id())).isInstanceOf(TwoFactorStateException.class);

        assertThatThrownBy(() -> twoFactor.disable(m.id(), "000000")).isInstanceOf(InvalidTwoFactorCodeException.class);
        assertThat(twoFactor.isEnabled(m.id())).isTrue();
        twoFactor.disable(m.id(), recovery.get(3));
        assertThat(twoFactor.isEnabled(m.id())).isFalse();
        assertThat(accounts.authenticate(email, "a long enough password", "10.1.0.2").memberId()).isEqualTo(m.id());
    }

    @Test
    void wrongCodesCountAsFailedSignInsOfThatClient() {
        String email = unique("codes");
        Member m = accounts.signUp(email, "a long enough password", "Codes", "");
        TwoFactor.Setup setup = twoFactor.begin(m.id());
        twoFactor.confirm(m.id(), twoFactor.currentCode(setup.secret()));
        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> accounts.authenticate(email, "a long enough password", "10.1.0.66", "000000"))
                    .isInstanceOf(InvalidTwoFactorCodeException.class);
        }
        assertThatThrownBy(() -> accounts.authenticate(email, "a long enough password", "10.1.0.66", "000000"))
                .isInstanceOf(org.rapport.server.system.RateLimitException.class);
        clock.advance(Duration.ofSeconds(30));
        assertThat(accounts.authenticate(email, "a long enough password", "10.1.0.67",
                twoFactor.currentCode(setup.secret())).memberId()).isEqualTo(m.id());
    }
}
