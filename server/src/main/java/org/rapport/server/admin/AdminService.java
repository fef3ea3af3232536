package org.rapport.server.admin;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.rapport.server.account.AccountService;
import org.rapport.server.account.AccountStanding;
import org.rapport.server.account.EmailVerifications;
import org.rapport.server.member.MemberNotFoundException;
import org.rapport.server.member.MemberRepository;
import org.rapport.server.system.Cursor;
import org.rapport.server.system.Page;
import org.rapport.server.system.PageRequest;
import org.rapport.server.system.Text;
import org.rapport.server.system.ValidationException;
import org.rapport.server.system.ValidationException.Errors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What moderators and administrators do to members and the site; every change is written to the
 * audit log in the transaction that makes it. Callers pass an {@link Actor} from {@link AdminAccess}.
 */
@Service
public class AdminService {

    private static final Logger log = LoggerFactory.getLogger(AdminService.class);
    static final int REASON_MAX = 1000;

    /** Audit log actions. */
    public static final String SUSPENDED = "MEMBER_SUSPENDED", UNSUSPENDED = "MEMBER_UNSUSPENDED",
            DELETED = "MEMBER_DELETED", PASSWORD_RESET = "PASSWORD_RESET_SENT", ROLE = "ROLE_GRANTED",
            SETTINGS = "SETTINGS_CHANGED", SIGNUP_APPROVED = "SIGNUP_APPROVED", SIGNUP_REFUSED = "SIGNUP_REFUSED";

    private final AdminRepository repository;
    private final MemberRepository members;
    private final AccountService accounts;
    private final ResetLinkSender resets;
    private final SiteSettingsService settings;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final SignUpDecisionMailer decisions;
    private final EmailVerifications verifications;

    AdminService(AdminRepository repository, MemberRepository members, AccountService accounts,
                 ResetLinkSender resets, SiteSettingsService settings, TransactionTemplate tx, Clock clock,
                 SignUpDecisionMailer decisions, EmailVerifications verifications) {
        this.decisions = decisions;
        this.verifications = verifications;
        this.repository = repository;
        this.members = members;
        this.accounts = accounts;
        this.resets = resets;
        this.settings = settings;
        this.tx = tx;
        this.clock = clock;
    }

    /** A member as the administration sees them. */
    public record AdminMember(long id, String email, String name, Role role, MemberStatus status,
                              Instant suspendedUntil, String suspensionReason, Instant createdAt) {
        static AdminMember of(AdminRepository.MemberRow r) {
            return new AdminMember(r.id(), r.email(), r.name(), r.role(), r.status(), r.suspendedUntil(),
                    r.suspensionReason(), r.createdAt());
        }
    }

    /** A sign-up waiting for an administrator's approval. */
    public record SignUpRequest(long id, String email, String name, Instant requestedAt) {
    }

    /** One line of the audit log. */
    public record AuditEntry(long id, Instant at, String actor, String action, String subject, String reason) {
    }

    public Page<AdminMember> members(Actor actor, String q, String rawStatus, PageRequest page) {
        MemberStatus status = null;
        if (rawStatus != null && !rawStatus.isBlank()) {
            status = parse(MemberStatus.class, rawStatus);
            if (status == null) {
                throw new ValidationException("status", "Choose ACTIVE, AWAITING_APPROVAL, SUSPENDED, IMPORTED or UNVERIFIED.");
            }
        }
        if (q != null && q.length() > 200) {
            throw new ValidationException("q", "Search with at most 200 characters.");
        }
        List<AdminRepository.MemberRow> rows = new ArrayList<>(repository.findMembers(q, status, clock.millis(), page));
        String next = null;
        if (rows.size() > page.limit()) {
            rows.remove(rows.size() - 1);
            next = Cursor.encode("admin-members", rows.get(rows.size() - 1).id());
        }
        return new Page<>(rows.stream().map(AdminMember::of).toList(), next, null);
    }

    public AdminMember member(Actor actor, long id) {
        return repository.findMember(id, clock.millis()).map(AdminMember::of).orElseThrow(MemberNotFoundException::new);
    }

    /**
     * Suspends a member until {@code until} (null: until lifted). They are signed out everywhere,
     * cannot sign in, and are hidden from everyone as a block hides; nothing of theirs is deleted.
     */
    public AdminMember suspend(Actor actor, long id, String rawReason, Instant until) {
        Errors errors = new Errors();
        String reason = reason(rawReason, errors, true);
        Instant now = clock.instant();
        if (until != null && !until.isAfter(now)) {
            errors.add("until", "The end of a suspension must be in the future.");
        }
        if (id == actor.memberId()) {
            errors.add("memberId", "You cannot suspend yourself.");
        }
        errors.throwIfAny();
        tx.executeWithoutResult(status -> {
            AdminRepository.MemberRow target = target(actor, id);
            if (target.status() == MemberStatus.AWAITING_APPROVAL) {
                throw new AdminExceptions.AwaitingApprovalException();
            }
            if (target.role() == Role.ADMIN && repository.countAdmins() <= 1) {
                throw new AdminExceptions.LastAdministratorException();
            }
            repository.suspend(id, until == null ? AccountStanding.INDEFINITE : until.toEpochMilli(), reason);
            repository.audit(now, actor, SUSPENDED, target.label(),
                    reason + (until == null ? "" : " (until " + until + ")"));
        });
        log.info("{} suspended member {}", actor.label(), id);
        return member(actor, id);
    }

    public AdminMember unsuspend(Actor actor, long id, String rawReason) {
        Errors errors = new Errors();
        String reason = reason(rawReason, errors, false);
        errors.throwIfAny();
        tx.executeWithoutResult(status -> {
            AdminRepository.MemberRow target = target(actor, id);
            if (target.status() == MemberStatus.AWAITING_APPROVAL) {
                throw new AdminExceptions.AwaitingApprovalException();
            }
            if (repository.unsuspend(id) && target.status() == MemberStatus.SUSPENDED) {
                repository.audit(clock.instant(), actor, UNSUSPENDED, target.label(), reason);
            }
        });
        return member(actor, id);
    }

    /** Erases the member as {@code DELETE /me} does (administrators only). */
    public void delete(Actor actor, long id, String rawReason) {
        Errors errors = new Errors();
        String reason = reason(rawReason, errors, false);
        if (id == actor.memberId()) {
            errors.add("memberId", "Delete your own account from your settings.");
        }
        errors.throwIfAny();
        requireAdmin(actor);
        AdminRepository.MemberRow target = target(actor, id);
        if (target.role() == Role.ADMIN && repository.countAdmins() <= 1) {
            throw new AdminExceptions.LastAdministratorException();
        }
        accounts.delete(id);
        tx.executeWithoutResult(status -> repository.audit(clock.instant(), actor, DELETED, target.label(), reason));
    }

    /** Mails the member a link to choose a new password (administrators only). */
    public void sendPasswordReset(Actor actor, long id) {
        requireAdmin(actor);
        AdminRepository.MemberRow target = target(actor, id);
        resets.sendResetLink(id);
        tx.executeWithoutResult(status -> repository.audit(clock.instant(), actor, PASSWORD_RESET, target.label(), ""));
    }

    /** Gives the member with this address a role (administrators, and the operator's command line). */
    public AdminMember grant(Actor actor, String rawEmail, String rawRole) {
        requireAdmin(actor);
        Role role = Role.parse(rawRole);
        if (role == null) {
            throw new ValidationException("role", "Choose admin, moderator or member.");
        }
        String email = AccountService.normaliseEmail(rawEmail);
        long id = members.findIdByEmail(email).orElseThrow(() -> new MemberNotFoundException());
        tx.executeWithoutResult(status -> {
            AdminRepository.MemberRow target = repository.findMember(id, clock.millis())
                    .orElseThrow(MemberNotFoundException::new);
            if (target.role() == Role.ADMIN && role != Role.ADMIN && repository.countAdmins() <= 1) {
                throw new AdminExceptions.LastAdministratorException();
            }
            if (target.role() != role) {
                repository.setRole(id, role);
                repository.audit(clock.instant(), actor, ROLE, target.label(), target.role() + " -> " + role);
            }
        });
        log.info("{} made member {} {}", actor.label(), id, role);
        return member(actor, id);
    }

    /** {@link #grant} by the operator's command line ({@code rapport admin grant}). */
    public AdminMember grantFromCommandLine(String email, String role) {
        return grant(Actor.COMMAND_LINE, email, role);
    }

    public SiteSettings settings(Actor actor) {
        requireAdmin(actor);
        return settings.current();
    }

    public SiteSettings changeSettings(Actor actor, String mode, List<String> domains, String siteName, String publicUrl) {
        requireAdmin(actor);
        tx.executeWithoutResult(status -> {
            String changed = settings.change(mode, domains, siteName, publicUrl);
            if (!changed.isEmpty()) {
                repository.audit(clock.instant(), actor, SETTINGS, "site settings", changed);
            }
        });
        return settings.current();
    }

    /** Sign-ups waiting for approval, oldest first (administrators only). */
    public Page<SignUpRequest> signUpRequests(Actor actor, PageRequest page) {
        requireAdmin(actor);
        List<AdminRepository.SignUpRequestRow> rows = new ArrayList<>(repository.signUpRequests(page));
        String next = null;
        if (rows.size() > page.limit()) {
            rows.remove(rows.size() - 1);
            next = Cursor.encode("signup-requests", rows.get(rows.size() - 1).id());
        }
        return new Page<>(rows.stream().map(r -> new SignUpRequest(r.id(), r.email(),
                r.lastName().isEmpty() ? r.firstName() : r.firstName() + " " + r.lastName(), r.requestedAt())).toList(),
                next, repository.signUpRequestCount());
    }

    /**
     * Lets a sign-up waiting for approval in (administrators only): the person can sign in and is
     * seen like any member; they are mailed the decision and the link to confirm their address.
     * 404 when nobody with this id is waiting.
     */
    public AdminMember approve(Actor actor, long id) {
        requireAdmin(actor);
        AdminRepository.MemberRow target = tx.execute(status -> {
            AdminRepository.MemberRow t = waiting(id);
            if (!repository.approve(id)) {
                throw new AdminExceptions.NoSignUpRequestException();
            }
            repository.audit(clock.instant(), actor, SIGNUP_APPROVED, t.label(), "");
            return t;
        });
        log.info("{} approved the sign-up of member {}", actor.label(), id);
        decisions.approved(target.email(), target.firstName());
        verifications.sendAfterApproval(id);
        return member(actor, id);
    }

    /**
     * Refuses a sign-up waiting for approval (administrators only), with an optional reason the
     * person is mailed: the account is erased as {@code DELETE /me} erases one. 404 when nobody
     * with this id is waiting.
     */
    public void refuse(Actor actor, long id, String rawReason) {
        Errors errors = new Errors();
        String reason = reason(rawReason, errors, false);
        errors.throwIfAny();
        requireAdmin(actor);
        AdminRepository.MemberRow target = tx.execute(status -> {
            AdminRepository.MemberRow t = waiting(id);
            accounts.delete(id);
            repository.audit(clock.instant(), actor, SIGNUP_REFUSED, t.label(), reason);
            return t;
        });
        log.info("{} refused the sign-up of member {}", actor.label(), id);
        decisions.refused(target.email(), target.firstName(), reason);
    }

    private AdminRepository.MemberRow waiting(long id) {
        return repository.findMember(id, clock.millis()).filter(m -> m.status() == MemberStatus.AWAITING_APPROVAL)
                .orElseThrow(AdminExceptions.NoSignUpRequestException::new);
    }

    public Page<AuditEntry> auditLog(Actor actor, PageRequest page) {
        List<AdminRepository.AuditRow> rows = new ArrayList<>(repository.auditPage(page));
        String next = null;
        if (rows.size() > page.limit()) {
            rows.remove(rows.size() - 1);
            next = Cursor.encode("audit", rows.get(rows.size() - 1).id());
        }
        return new Page<>(rows.stream().map(r -> new AuditEntry(r.id(), r.at(), r.actor(), r.action(), r.subject(),
                r.reason())).toList(), next, repository.auditCount());
    }

    /** Records an administrative action taken elsewhere (a moderator resolving a report). */
    public void audit(Actor actor, String action, String subject, String reason) {
        repository.audit(clock.instant(), actor, action, subject, reason);
    }

    /** How the audit log names a member. */
    public String label(long memberId) {
        return repository.findMember(memberId, clock.millis()).map(AdminRepository.MemberRow::label)
                .orElse("member " + memberId);
    }

    /** Whether any administrator exists (a fresh installation has none). */
    public boolean hasAdministrator() {
        return repository.countAdmins() > 0;
    }

    private AdminRepository.MemberRow target(Actor actor, long id) {
        AdminRepository.MemberRow target = repository.findMember(id, clock.millis())
                .orElseThrow(MemberNotFoundException::new);
        if (!actor.isAdmin() && target.role().moderates()) {
            throw new AdminExceptions.OutrankedException();
        }
        return target;
    }

    private static void requireAdmin(Actor actor) {
        if (!actor.isAdmin()) {
            throw new AdminExceptions.AdministratorsOnlyException();
        }
    }

    private static String reason(String raw, Errors errors, boolean required) {
        String reason = raw == null ? "" : Text.cleanMultiline(raw);
        if (required && reason.isEmpty()) {
            errors.add("reason", "Say why: the member and the audit log will see it.");
        } else if (reason.length() > REASON_MAX) {
            errors.add("reason", "Use at most " + REASON_MAX + " characters.");
        }
        return reason;
    }

    static <E extends Enum<E>> E parse(Class<E> type, String raw) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(raw.strip())) {
                return e;
            }
        }
        return null;
    }
}
