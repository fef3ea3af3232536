package org.rapport.server.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.rapport.server.member.Member;
import org.rapport.server.support.IntegrationContract;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@link SingleSignOn} on a real database (issue 16): who an identity becomes, and what it must
 * never become. Run on SQLite and PostgreSQL.
 */
abstract class SingleSignOnContract extends IntegrationContract {

    @Autowired
    SingleSignOn sso;
    @Autowired
    AccountService accounts;
    @Autowired
    EmailVerifications verifications;

    private static String subject() {
        return "sub-" + UUID.randomUUID();
    }

    private static String address(String local) {
        return local + "." + System.nanoTime() + "@sso.example.org";
    }

    private long links(String subject) {
        return jdbc.sql("SELECT count(*) FROM external_identities WHERE subject = :s").param("s", subject)
                .query(Long.class).single();
    }

    @Test
    void aNewPersonGetsAnAccountVerifiedWhenTheProviderVouchesAndNoVerificationMail() {
        String email = address("new");
        String subject = subject();
        MemberPrincipal p = sso.signIn(new ExternalIdentity("corp", subject, email, true, "Nia", "New"));
        assertThat(verifications.isVerified(p.memberId())).isTrue();
        assertThat(p.securityStamp()).isNotBlank();
        assertThat(links(subject)).isEqualTo(1);
        assertThat(sso.signIn(new ExternalIdentity("corp", subject, address("other"), true, "Nia", "New")).memberId())
                .as("found again by subject").isEqualTo(p.memberId());
        assertThat(jdbc.sql("SELECT count(*) FROM account_links WHERE member_id = :m AND purpose = 'VERIFY_EMAIL'")
                .param("m", p.memberId()).query(Long.class).single()).as("no verification link").isZero();
    }

    @Test
    void aNewPersonWhoseAddressTheProviderDoesNotVouchForStartsUnverified() {
        MemberPrincipal p = sso.signIn(new ExternalIdentity("corp", subject(), address("unv"), false, "Uma", ""));
        assertThat(verifications.isVerified(p.memberId())).isFalse();
        assertThat(jdbc.sql("SELECT count(*) FROM account_links WHERE member_id = :m AND purpose = 'VERIFY_EMAIL'")
                .param("m", p.memberId()).query(Long.class).single()).as("a verification link is sent").isEqualTo(1);
    }

    @Test
    void aVerifiedMemberIsLinkedOnlyWhenTheProviderVouchesForTheAddress() {
        Member m = members.create("Lin", "Ked");
        String refused = subject();
        assertThatThrownBy(() -> sso.signIn(new ExternalIdentity("corp", refused, m.email(), false, "X", "Y")))
                .isInstanceOf(UnverifiedExternalEmailException.class);
        assertThat(links(refused)).isZero();
        String linked = subject();
        assertThat(sso.signIn(new ExternalIdentity("corp", linked, m.email(), true, "X", "Y")).memberId())
                .isEqualTo(m.id());
        assertThat(links(linked)).isEqualTo(1);
    }

    @Test
    void aMemberWhoNeverVerifiedTheirAddressIsNotLinked() {
        Member m = accounts.signUp(address("squat"), "a long enough password", "Sq", "Uat");
        String subject = subject();
        assertThatThrownBy(() -> sso.signIn(new ExternalIdentity("corp", subject, m.email(), true, "Re", "Al")))
                .isInstanceOf(UnverifiedExternalEmailException.class);
        assertThat(links(subject)).isZero();
    }

    @Test
    void anIdentityWithoutAnAddressMakesNothing() {
        String subject = subject();
        assertThatThrownBy(() -> sso.signIn(new ExternalIdentity("corp", subject, null, true, "No", "Mail")))
                .isInstanceOf(ExternalEmailMissingException.class);
        assertThat(links(subject)).isZero();
    }

    @Test
    void aSuspendedMemberIsRefusedThoughLinked() {
        Member m = members.create("Sus", "Pended");
        String subject = subject();
        sso.signIn(new ExternalIdentity("corp", subject, m.email(), true, "Sus", "Pended"));
        jdbc.sql("UPDATE members SET suspended_until = :u WHERE id = :id").param("u", AccountStanding.INDEFINITE)
                .param("id", m.id()).update();
        assertThatThrownBy(() -> sso.signIn(new ExternalIdentity("corp", subject, m.email(), true, "Sus", "Pended")))
                .isInstanceOf(AccountSuspendedException.class);
    }
}
