package org.rapport.server.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rapport.server.account.AccountService;
import org.rapport.server.account.AccountSuspendedException;
import org.rapport.server.account.MemberPrincipal;
import org.rapport.server.member.Member;
import org.rapport.server.member.MemberNotFoundException;
import org.rapport.server.privacy.BlockService;
import org.rapport.server.system.PageRequest;
import org.rapport.server.system.ValidationException;
import org.rapport.server.support.IntegrationContract;
import org.rapport.server.support.TestMembers;
import org.springframework.beans.factory.annotation.Autowired;

/** Roles, suspensions, deletion, the sign-up policy and the audit log (issue 17) on both databases. */
abstract class AdminServiceContract extends IntegrationContract {

    @Autowired
    AdminService admin;
    @Autowired
    AdminAccess access;
    @Autowired
    AccountService accounts;
    @Autowired
    BlockService blocks;

    @AfterEach
    void openSignUpAgain() {
        jdbc.sql("DELETE FROM site_settings").update();
    }

    private Actor makeAdmin(Member m) {
        admin.grantFromCommandLine(m.email(), "admin");
        return access.admin(m.id());
    }

    private Actor makeModerator(Member m) {
        admin.grantFromCommandLine(m.email(), "moderator");
        return access.moderator(m.id());
    }

    private List<AdminService.AuditEntry> auditAbout(Member subject) {
        return admin.auditLog(Actor.COMMAND_LINE, PageRequest.of(100, null)).items().stream()
                .filter(e -> e.subject().startsWith("member " + subject.id() + " ")).toList();
    }

    @Test
    void grantGivesARoleAndWritesTheAuditLog() {
        Member ada = members.create("Ada");
        assertThat(access.role(ada.id())).isEqualTo(Role.MEMBER);
        assertThatThrownBy(() -> access.moderator(ada.id())).isInstanceOf(AdminExceptions.NotAdministrationException.class);

        AdminService.AdminMember granted = admin.grantFromCommandLine(ada.email().toUpperCase(), "Moderator");
        assertThat(granted.role()).isEqualTo(Role.MODERATOR);
        assertThat(access.moderator(ada.id()).role()).isEqualTo(Role.MODERATOR);
        assertThatThrownBy(() -> access.admin(ada.id())).isInstanceOf(AdminExceptions.AdministratorsOnlyException.class);
        assertThat(auditAbout(ada)).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo(AdminService.ROLE);
            assertThat(e.actor()).isEqualTo("command line");
            assertThat(e.reason()).isEqualTo("MEMBER -> MODERATOR");
        });
    }

    @Test
    void grantRefusesAnUnknownAddressOrRole() {
        Member ada = members.create("Ada");
        assertThatThrownBy(() -> admin.grantFromCommandLine("nobody." + System.nanoTime() + "@example.org", "admin"))
                .isInstanceOf(MemberNotFoundException.class);
        assertThatThrownBy(() -> admin.grantFromCommandLine(ada.email(), "owner")).isInstanceOf(ValidationException.class);
        assertThat(access.role(ada.id())).isEqualTo(Role.MEMBER);
    }

    @Test
    void theLastAdministratorCannotBeDemotedSuspendedOrDeleted() {
        Member only = members.create("Only");
        Actor actor = makeAdmin(only);
        // Demote every other administrator the shared database holds, so that this one is the last.
        List<String> others = jdbc.sql("SELECT email FROM members WHERE role = 'ADMIN' AND id <> :id")
                .param("id", only.id()).query(String.class).list();
        others.forEach(email -> admin.grantFromCommandLine(email, "member"));
        try {
            assertThatThrownBy(() -> admin.grantFromCommandLine(only.email(), "member"))
                    .isInstanceOf(AdminExceptions.LastAdministratorException.class);
            assertThat(access.role(only.id())).isEqualTo(Role.ADMIN);
        } finally {
            others.forEach(email -> admin.grantFromCommandLine(email, "admin"));
        }
        assertThat(actor.isAdmin()).isTrue();
    }

    @Test
    void aSuspendedMemberCannotSignInIsSignedOutAndIsHiddenFromEveryone() {
        Actor mod = makeModerator(members.create("Mod"));
        Member spammer = members.create("Spammer");
        Member other = members.create("Other");
        connect(spammer, other);
        MemberPrincipal session = accounts.authenticate(spammer.email(), TestMembers.PASSWORD, "10.1.0.1");
        String token = accounts.issueToken(spammer.id()).token();

        AdminService.AdminMember suspended = admin.suspend(mod, spammer.id(), "Sends spam", null);

        assertThat(suspended.status()).isEqualTo(MemberStatus.SUSPENDED);
        assertThat(suspended.suspendedUntil()).isNull();
        assertThatThrownBy(() -> accounts.authenticate(spammer.email(), TestMembers.PASSWORD, "10.1.0.1"))
                .isInstanceOf(AccountSuspendedException.class);
        assertThat(accounts.isCurrent(session)).as("the open session ends").isFalse();
        assertThatThrownBy(() -> accounts.requireAllowedToAct(spammer.id())).isInstanceOf(AccountSuspendedException.class);
        assertThat(accounts.resolveToken(token)).as("the token is kept, refused by the filter").isPresent();
        assertThat(blocks.hidden(other.id(), spammer.id())).isTrue();
        assertThat(blocks.hiddenFrom(other.id())).contains(spammer.id());
        assertThat(blocks.hiddenFrom(spammer.id())).doesNotContain(spammer.id());
        assertThat(jdbc.sql("SELECT count(*) FROM connections WHERE member_lo = :a OR member_hi = :a")
                .param("a", spammer.id()).query(Long.class).single()).as("nothing deleted").isEqualTo(1);

        admin.unsuspend(mod, spammer.id(), "Appealed");

        assertThat(accounts.authenticate(spammer.email(), TestMembers.PASSWORD, "10.1.0.1").memberId()).isEqualTo(spammer.id());
        assertThat(blocks.hidden(other.id(), spammer.id())).isFalse();
        assertThat(auditAbout(spammer)).extracting(AdminService.AuditEntry::action)
                .containsExactly(AdminService.UNSUSPENDED, AdminService.SUSPENDED);
        assertThat(auditAbout(spammer).get(1).reason()).isEqualTo("Sends spam");
        assertInvariants();
    }

    @Test
    void aSuspensionWithAnEndLiftsItselfThen() {
        Actor mod = makeModerator(members.create("Mod"));
        Member m = members.create("Brief");
        Instant until = clock.instant().plus(Duration.ofDays(7));
        assertThat(admin.suspend(mod, m.id(), "Cool down", until).suspendedUntil()).isEqualTo(until);
        assertThatThrownBy(() -> accounts.authenticate(m.email(), TestMembers.PASSWORD, "10.1.0.2"))
                .isInstanceOf(AccountSuspendedException.class)
                .hasMessageContaining(until.toString());
        clock.advance(Duration.ofDays(7).plusSeconds(1));
        try {
            assertThat(accounts.authenticate(m.email(), TestMembers.PASSWORD, "10.1.0.2").memberId()).isEqualTo(m.id());
            assertThat(admin.member(mod, m.id()).status()).isEqualTo(MemberStatus.ACTIVE);
        } finally {
            clock.advance(Duration.ofDays(7).plusSeconds(1).negated());
        }
    }

    @Test
    void suspendingNeedsAReasonAFutureEndAndSomeoneElse() {
        Member modMember = members.create("Mod");
        Actor mod = makeModerator(modMember);
        Member m = members.create("Target");
        assertThatThrownBy(() -> admin.suspend(mod, m.id(), "  ", clock.instant().minusSeconds(1)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .extracting(ValidationException.FieldError::field).containsExactlyInAnyOrder("reason", "until"));
        assertThatThrownBy(() -> admin.suspend(mod, modMember.id(), "Me", null)).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> admin.suspend(mod, Long.MAX_VALUE / 2, "Nobody", null))
                .isInstanceOf(MemberNotFoundException.class);
        assertThat(admin.member(mod, m.id()).status()).isEqualTo(MemberStatus.ACTIVE);
        assertThat(auditAbout(m)).isEmpty();
    }

    @Test
    void moderatorsCannotActOnModeratorsNorDeleteNorResetPasswords() {
        Actor mod = makeModerator(members.create("Mod"));
        Member otherMod = members.create("OtherMod");
        makeModerator(otherMod);
        Member m = members.create("Plain");
        assertThatThrownBy(() -> admin.suspend(mod, otherMod.id(), "Power grab", null))
                .isInstanceOf(AdminExceptions.OutrankedException.class);
        assertThatThrownBy(() -> admin.delete(mod, m.id(), null)).isInstanceOf(AdminExceptions.AdministratorsOnlyException.class);
        assertThatThrownBy(() -> admin.sendPasswordReset(mod, m.id()))
                .isInstanceOf(AdminExceptions.AdministratorsOnlyException.class);
        assertThatThrownBy(() -> admin.settings(mod)).isInstanceOf(AdminExceptions.AdministratorsOnlyException.class);
        assertThat(admin.member(mod, otherMod.id()).status()).isEqualTo(MemberStatus.ACTIVE);
    }

    @Test
    void deletingAMemberErasesThemAsDeletingTheirOwnAccountDoes() {
        Actor root = makeAdmin(members.create("Root"));
        Member fake = members.create("Fake");
        Member friend = members.create("Friend");
        connect(fake, friend);

        admin.delete(root, fake.id(), "Fake account");

        assertThat(jdbc.sql("SELECT count(*) FROM members WHERE id = :id").param("id", fake.id()).query(Long.class).single())
                .isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM connections WHERE member_lo = :a OR member_hi = :a")
                .param("a", friend.id()).query(Long.class).single()).isZero();
        assertGraphEqualsDatabase();
        assertThat(auditAbout(fake)).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo(AdminService.DELETED);
            assertThat(e.subject()).contains(fake.email());
            assertThat(e.reason()).isEqualTo("Fake account");
        });
        assertThatThrownBy(() -> admin.delete(root, fake.id(), null)).isInstanceOf(MemberNotFoundException.class);
        assertInvariants();
    }

    @Test
    void anAdministratorSendsAMemberAPasswordResetLinkAndItIsAudited() {
        Actor root = makeAdmin(members.create("Root"));
        Member m = members.create("Forgetful");
        admin.sendPasswordReset(root, m.id());
        assertThat(jdbc.sql("SELECT count(*) FROM account_links WHERE member_id = :m AND purpose = 'PASSWORD_RESET'")
                .param("m", m.id()).query(Long.class).single()).isEqualTo(1L);
        assertThat(auditAbout(m)).isNotEmpty();
    }

    @Test
    void findsMembersByNameOrAddressAndStatus() {
        Actor mod = makeModerator(members.create("Mod"));
        String surname = "Zq" + Long.toString(System.nanoTime(), 36);
        Member a = members.create("Alma", surname);
        Member b = members.create("Bert", surname);
        admin.suspend(mod, b.id(), "Spam", null);
        jdbc.sql("UPDATE members SET password_hash = :h WHERE id = :id").param("h", AccountService.NO_PASSWORD)
                .param("id", a.id()).update();
        Member c = members.create("Cleo", surname);

        assertThat(admin.members(mod, surname.toLowerCase(), null, PageRequest.of(10, null)).items())
                .extracting(AdminService.AdminMember::id).containsExactly(c.id(), b.id(), a.id());
        assertThat(admin.members(mod, surname, "suspended", PageRequest.of(10, null)).items())
                .extracting(AdminService.AdminMember::id).containsExactly(b.id());
        assertThat(admin.members(mod, surname, "IMPORTED", PageRequest.of(10, null)).items())
                .extracting(AdminService.AdminMember::id).containsExactly(a.id());
        assertThat(admin.members(mod, surname, "ACTIVE", PageRequest.of(10, null)).items())
                .extracting(AdminService.AdminMember::id).containsExactly(c.id());
        assertThat(admin.members(mod, c.email().toUpperCase(), null, PageRequest.of(10, null)).items())
                .extracting(AdminService.AdminMember::id).containsExactly(c.id());
        var first = admin.members(mod, surname, null, PageRequest.of(2, null));
        assertThat(first.nextCursor()).isNotNull();
        assertThat(admin.members(mod, surname, null, PageRequest.of(2, first.nextCursor())).items())
                .extracting(AdminService.AdminMember::id).containsExactly(a.id());
        assertThat(admin.members(mod, surname, "UNVERIFIED", PageRequest.of(10, null)).items())
                .as("test members have verified addresses").isEmpty();
        jdbc.sql("UPDATE members SET email_verified_at = NULL WHERE id = :m").param("m", c.id()).update();
        assertThat(admin.members(mod, surname, "UNVERIFIED", PageRequest.of(10, null)).items())
                .extracting(AdminService.AdminMember::id).containsExactly(c.id());
        assertThatThrownBy(() -> admin.members(mod, surname, "NOT_A_STATUS", PageRequest.of(10, null)))
                .isInstanceOf(ValidationException.class);
    }

    @Test
    void signUpPolicyByDomainsAndInvitationIsEnforcedAndAuditedAndRefusalsCreateNothing() {
        Actor root = makeAdmin(members.create("Root"));
        SiteSettings s = admin.changeSettings(root, "DOMAINS", List.of(" @Alumni.Example.org", "example.net"), null, null);
        assertThat(s.signupMode()).isEqualTo(SignupMode.DOMAINS);
        assertThat(s.allowedEmailDomains()).containsExactly("alumni.example.org", "example.net");

        String outsider = "out." + System.nanoTime() + "@elsewhere.org";
        assertThatThrownBy(() -> accounts.signUp(outsider, "a long enough password", "Out", "Sider"))
                .isInstanceOfSatisfying(SignUpClosedException.class,
                        e -> assertThat(e.messageFor("email")).contains("alumni.example.org"));
        assertThat(jdbc.sql("SELECT count(*) FROM members WHERE email = :e").param("e", outsider).query(Long.class).single())
                .as("the refused account is rolled back").isZero();
        assertThat(accounts.signUp("in." + System.nanoTime() + "@alumni.example.org", "a long enough password", "In", "")
                .id()).isPositive();

        admin.changeSettings(root, "INVITE_ONLY", null, null, null);
        assertThatThrownBy(() -> accounts.signUp("x." + System.nanoTime() + "@alumni.example.org",
                "a long enough password", "X", "")).isInstanceOf(SignUpClosedException.class);

        assertThat(admin.auditLog(root, PageRequest.of(5, null)).items()).extracting(AdminService.AuditEntry::action)
                .startsWith(AdminService.SETTINGS, AdminService.SETTINGS);
    }

    @Test
    void signUpByApprovalHoldsTheAccountUntilAnAdministratorApprovesOrRefusesIt() {
        Actor root = makeAdmin(members.create("Root"));
        Member watcher = members.create("Watcher");
        admin.changeSettings(root, "APPROVAL", null, null, null);
        String first = "wait." + System.nanoTime() + "@example.org";
        String second = "wait2." + System.nanoTime() + "@example.org";
        long a = accounts.signUp(first, "a long enough password", "Wait", "One").id();
        long b = accounts.signUp(second, "a long enough password", "Wait", "Two").id();

        assertThatThrownBy(() -> accounts.authenticate(first, "a long enough password", "10.3.0.1"))
                .isInstanceOf(org.rapport.server.account.AccountAwaitingApprovalException.class);
        assertThat(blocks.hidden(watcher.id(), a)).as("hidden from members, as a suspension hides").isTrue();
        assertThat(admin.member(root, a).status()).isEqualTo(MemberStatus.AWAITING_APPROVAL);
        assertThat(admin.signUpRequests(root, PageRequest.of(100, null)).items()).extracting(AdminService.SignUpRequest::id)
                .as("oldest first (other suites may have left requests)").containsSubsequence(a, b);
        assertThat(admin.signUpRequests(root, PageRequest.of(1, null)).nextCursor()).isNotNull();
        assertThatThrownBy(() -> admin.signUpRequests(makeModerator(members.create("Mod")), PageRequest.of(10, null)))
                .isInstanceOf(AdminExceptions.AdministratorsOnlyException.class);
        assertThatThrownBy(() -> admin.suspend(root, a, "Spam", null))
                .isInstanceOf(AdminExceptions.AwaitingApprovalException.class);

        assertThat(admin.approve(root, a).status()).isEqualTo(MemberStatus.ACTIVE);
        assertThat(accounts.authenticate(first, "a long enough password", "10.3.0.1").memberId()).isEqualTo(a);
        assertThat(blocks.hidden(watcher.id(), a)).isFalse();
        assertThatThrownBy(() -> admin.approve(root, a)).isInstanceOf(AdminExceptions.NoSignUpRequestException.class);

        admin.refuse(root, b, "Not an alumnus");
        assertThat(jdbc.sql("SELECT count(*) FROM members WHERE id = :id").param("id", b).query(Long.class).single()).isZero();
        assertThat(admin.auditLog(root, PageRequest.of(2, null)).items()).extracting(AdminService.AuditEntry::action)
                .containsExactly(AdminService.SIGNUP_REFUSED, AdminService.SIGNUP_APPROVED);
    }

    @Test
    void settingsRefuseBadValuesAndChangeNothing() {
        Actor root = makeAdmin(members.create("Root"));
        SiteSettings before = admin.settings(root);
        assertThatThrownBy(() -> admin.changeSettings(root, "DOMAINS", List.of("not a domain"), "", "ftp://x"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .extracting(ValidationException.FieldError::field)
                        .containsExactlyInAnyOrder("allowedEmailDomains", "siteName", "publicUrl"));
        assertThatThrownBy(() -> admin.changeSettings(root, "CLOSED", null, null, null))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> admin.changeSettings(root, "DOMAINS", List.of(), null, null))
                .isInstanceOf(ValidationException.class);
        assertThat(admin.settings(root)).isEqualTo(before);
        SiteSettings after = admin.changeSettings(root, null, null, "Alumni Network", "https://alumni.example.org/");
        assertThat(after.siteName()).isEqualTo("Alumni Network");
        assertThat(after.publicUrl()).isEqualTo("https://alumni.example.org");
    }
}
