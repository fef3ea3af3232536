package org.rapport.server.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.rapport.server.member.ConnectionsVisibility;
import org.rapport.server.member.Member;
import org.rapport.server.member.MemberNotFoundException;
import org.rapport.server.member.MemberRepository;
import org.rapport.server.member.ProfileRules;
import org.rapport.server.network.GraphIndex;
import org.rapport.server.system.Text;
import org.rapport.server.system.ValidationException.Errors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Sign-up, credentials, tokens and account deletion (I4). */
@Service
public class AccountService {

    private static final Logger log = LoggerFactory.getLogger(AccountService.class);

    public static final int PASSWORD_MIN = 8;
    public static final int PASSWORD_MAX = 128;
    public static final int EMAIL_MAX = 254;
    private static final Pattern EMAIL = Pattern.compile("[^\\s@]+@[^\\s@.]+(\\.[^\\s@.]+)+");
    private static final Duration TOKEN_LIFETIME = Duration.ofDays(90);

    private final MemberRepository members;
    private final ApiTokenRepository tokens;
    private final PasswordEncoder passwords;
    private final LoginThrottle throttle;
    private final SignUpThrottle signUps;
    private final PasswordPolicy policy;
    private final TwoFactor twoFactor;
    private final GraphIndex index;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final org.springframework.context.ApplicationEventPublisher events;
    private final AccountStanding standing;
    private final boolean passwordSignIn;
    private final LdapDirectory directory;
    private final SingleSignOn singleSignOn;
    private final SecureRandom random = new SecureRandom();
    /** Checked against when the e-mail is unknown, so both cases take as long. */
    private final String decoyHash;

    public AccountService(MemberRepository members, ApiTokenRepository tokens, PasswordEncoder passwords,
                          LoginThrottle throttle, SignUpThrottle signUps, PasswordPolicy policy, TwoFactor twoFactor,
                          GraphIndex index,
                          TransactionTemplate tx, Clock clock,
                          org.springframework.context.ApplicationEventPublisher events, AccountStanding standing,
                          AccountProperties properties, LdapDirectory directory, SingleSignOn singleSignOn) {
        this.passwordSignIn = properties.passwordSignIn();
        this.directory = directory;
        this.singleSignOn = singleSignOn;
        this.policy = policy;
        this.twoFactor = twoFactor;
        this.signUps = signUps;
        this.events = events;
        this.standing = standing;
        this.members = members;
        this.tokens = tokens;
        this.passwords = passwords;
        this.throttle = throttle;
        this.index = index;
        this.tx = tx;
        this.clock = clock;
        this.decoyHash = passwords.encode("decoy password that matches nothing");
    }

    /**
     * The password hash of a member who has no password yet (members brought in by a bulk import):
     * no password matches it, and sign-in treats it like a wrong password without asking the
     * encoder (which would log it as a malformed hash).
     */
    public static final String NO_PASSWORD = "!no-password";

    /** Whether {@code email}, already normalised, is shaped like an address Rapport accepts. */
    public static boolean looksLikeEmail(String email) {
        return email != null && email.length() <= EMAIL_MAX && EMAIL.matcher(email).matches()
                && !Text.hasControlCharacters(email, false);
    }

    /** Normalises an e-mail address for storage and lookup: trimmed and lower case. */
    public static String normaliseEmail(String email) {
        return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    }

    /** Creates an account (I4) with no client limit (the CLI and tests). */
    public Member signUp(String rawEmail, String password, String rawFirstName, String rawLastName) {
        return signUp(rawEmail, password, rawFirstName, rawLastName, null);
    }

    /**
     * Creates an account (I4). All fields are checked together so a form shows every problem at
     * once. {@code client} (the remote address) may make {@code rapport.accounts.signup-limit}
     * accounts per window; past it a {@link org.rapport.server.system.RateLimitException}.
     */
    public Member signUp(String rawEmail, String password, String rawFirstName, String rawLastName, String client) {
        if (!passwordSignIn) {
            throw PasswordSignInOffException.signUp();
        }
        // Bad input is refused as such (400) before the limit is looked at: it makes nothing, so
        // it neither needs nor spends a place in the client's allowance.
        SignUp input = checkSignUp(rawEmail, password, rawFirstName, rawLastName);
        Instant reserved = signUps.reserve(client);
        boolean made = false;
        try {
            Member member = createAccount(input, password);
            made = true;
            return member;
        } finally {
            if (!made) {
                signUps.release(client, reserved);
            }
        }
    }

    /** A sign-up's fields, normalised and checked. */
    private record SignUp(String email, String firstName, String lastName) {
    }

    private SignUp checkSignUp(String rawEmail, String password, String rawFirstName, String rawLastName) {
        Errors errors = new Errors();
        String email = normaliseEmail(rawEmail);
        if (email.isEmpty()) {
            errors.add("email", "E-mail address is required.");
        } else if (!looksLikeEmail(email)) {
            errors.add("email", "This does not look like an e-mail address.");
        }
        policy.check(password, "password", errors, email, rawFirstName, rawLastName);
        String firstName = ProfileRules.line(rawFirstName == null ? "" : rawFirstName, "firstName", "First name",
                ProfileRules.NAME_MAX, errors);
        if (firstName.isEmpty() && !errors.has("firstName")) {
            errors.add("firstName", "First name is required.");
        }
        String lastName = ProfileRules.line(rawLastName == null ? "" : rawLastName, "lastName", "Last name",
                ProfileRules.NAME_MAX, errors);
        errors.throwIfAny();
        return new SignUp(email, firstName, lastName);
    }

    private Member createAccount(SignUp input, String password) {
        String email = input.email();
        String firstName = input.firstName();
        String lastName = input.lastName();
        String hash = passwords.encode(password);
        Instant now = clock.instant();
        try {
            long id = tx.execute(status -> {
                long created = members.insert(email, hash, newStamp(), firstName, lastName, null, now);
                events.publishEvent(new MemberSignedUp(created, email));
                return created;
            });
            if (id > Integer.MAX_VALUE) {
                throw new IllegalStateException("member ids beyond 2^31 are not supported by the graph index");
            }
            log.info("Member {} signed up", id);
            return members.findById(id).orElseThrow();
        } catch (DuplicateKeyException e) {
            throw new EmailTakenException();
        } catch (org.springframework.dao.DataIntegrityViolationException e) {
            if (members.findIdByEmail(email).isPresent()) {
                throw new EmailTakenException();
            }
            throw e;
        }
    }

    /** Splits "Ada King Lovelace" into first "Ada King" and last "Lovelace" (API sign-up with one name field). */
    public static String[] splitName(String name) {
        String n = Text.clean(name == null ? "" : name);
        int space = n.lastIndexOf(' ');
        return space < 0 ? new String[] {n, ""} : new String[] {n.substring(0, space), n.substring(space + 1)};
    }

    /**
     * Checks an e-mail and password, throttled per address and per client. Unknown addresses and
     * wrong passwords fail the same way and take about the same time.
     */
    public MemberPrincipal authenticate(String rawEmail, String password, String client) {
        return authenticate(rawEmail, password, client, null);
    }

    /**
     * As {@link #authenticate(String, String, String)}, with the second factor: for a member with
     * two-factor sign-in on, a right password without {@code code} is a
     * {@link TwoFactorRequiredException} (not counted as a failure), a wrong code an
     * {@link InvalidTwoFactorCodeException} (counted).
     */
    public MemberPrincipal authenticate(String rawEmail, String password, String client, String code) {
        String email = normaliseEmail(rawEmail);
        throttle.check(email, client);
        if (directory.enabled()) {
            // The directory first: a person it knows signs in with the directory's password.
            Optional<ExternalIdentity> person = directory.authenticate(rawEmail, password);
            if (person.isPresent()) {
                MemberPrincipal principal = singleSignOn.signIn(person.get());
                checkSecondFactor(principal.memberId(), email, client, code);
                throttle.recordSuccess(email, client);
                return principal;
            }
        }
        if (!passwordSignIn) {
            if (!directory.enabled()) {
                throw PasswordSignInOffException.signIn();
            }
            throttle.recordFailure(email, client);
            throw new InvalidCredentialsException();
        }
        // No stored address holds control characters (PostgreSQL would refuse the NUL in the query).
        Optional<MemberRepository.Credentials> credentials = Text.hasControlCharacters(email, false)
                ? Optional.empty() : members.findCredentialsByEmail(email);
        boolean hasPassword = credentials.isPresent() && !NO_PASSWORD.equals(credentials.get().passwordHash());
        boolean ok = password != null && password.length() <= PASSWORD_MAX
                && passwords.matches(password, hasPassword ? credentials.get().passwordHash() : decoyHash)
                && hasPassword;
        if (!ok) {
            throttle.recordFailure(email, client);
            throw new InvalidCredentialsException();
        }
        long memberId = credentials.get().memberId();
        checkSecondFactor(memberId, email, client, code);
        throttle.recordSuccess(email, client);
        return signedIn(credentials.get());
    }

    private void checkSecondFactor(long memberId, String email, String client, String code) {
        if (twoFactor.isEnabled(memberId)) {
            if (code == null || code.isBlank()) {
                throw new TwoFactorRequiredException(memberId);
            }
            if (!twoFactor.verify(memberId, code)) {
                throttle.recordFailure(email, client);
                throw new InvalidTwoFactorCodeException();
            }
        }
    }

    /**
     * The page's second step: the member whose password was right ({@link TwoFactorRequiredException})
     * gives their code. Throttled like a sign-in of {@code email} from {@code client}.
     */
    public MemberPrincipal completeWithCode(long memberId, String rawEmail, String code, String client) {
        String email = normaliseEmail(rawEmail);
        throttle.check(email, client);
        if (!twoFactor.verify(memberId, code)) {
            throttle.recordFailure(email, client);
            throw new InvalidTwoFactorCodeException();
        }
        throttle.recordSuccess(email, client);
        return signedIn(members.findCredentials(memberId).orElseThrow(MemberNotFoundException::new));
    }

    /**
     * The one place every way of signing in (password, second factor, and later single sign-on)
     * ends: checks that may refuse an account whose credentials are right belong here (a suspended
     * member, issue 17).
     */
    private MemberPrincipal signedIn(MemberRepository.Credentials credentials) {
        standing.requireAllowedToSignIn(credentials.memberId());
        return new MemberPrincipal(credentials.memberId(), credentials.securityStamp());
    }

    /** Whether the principal still matches its account (not deleted, password not changed since, not suspended). */
    public boolean isCurrent(MemberPrincipal principal) {
        return standing.stampOfMemberInGoodStanding(principal.memberId()).map(principal.securityStamp()::equals)
                .orElse(false);
    }

    /** Whether the account waits for an administrator's approval (sign-up by approval, issue 17). */
    public boolean awaitingApproval(long memberId) {
        return standing.awaitingApproval(memberId);
    }

    /** Throws {@link AccountSuspendedException} when the member is suspended. */
    public void requireAllowedToAct(long memberId) {
        standing.requireAllowedToSignIn(memberId);
    }

    /**
     * Changes the password after checking the current one. Every other session and every API
     * token is signed out; the returned principal keeps the caller signed in.
     */
    public MemberPrincipal changePassword(long memberId, String current, String next) {
        if (!passwordSignIn) {
            throw PasswordSignInOffException.signIn();
        }
        MemberRepository.Credentials credentials = members.findCredentials(memberId)
                .orElseThrow(MemberNotFoundException::new);
        Errors errors = new Errors();
        if (current == null || NO_PASSWORD.equals(credentials.passwordHash())
                || !passwords.matches(current, credentials.passwordHash())) {
            errors.add("currentPassword", "The current password is not right.");
        }
        policy.check(next, "newPassword", errors, members.findById(memberId).map(Member::email).orElse(null));
        errors.throwIfAny();
        String stamp = newStamp();
        String hash = passwords.encode(next);
        tx.executeWithoutResult(status -> {
            members.updatePassword(memberId, hash, stamp, clock.instant());
            tokens.deleteForMember(memberId);
        });
        return new MemberPrincipal(memberId, stamp);
    }

    /**
     * Deletes the account and everything of it: profile, invitations both ways, connections,
     * notifications and tokens (the schema cascades), then drops it from the graph.
     */
    public void delete(long memberId) {
        tx.executeWithoutResult(status -> {
            events.publishEvent(new AccountDeleting(memberId));
            if (!members.delete(memberId)) {
                throw new MemberNotFoundException();
            }
            index.removeMemberAfterCommit(memberId);
            events.publishEvent(new org.rapport.server.member.ProfileChanged(memberId));
        });
        log.info("Member {} deleted their account", memberId);
    }

    /** A new API token; only its digest is stored, so the caller must keep the returned value. */
    public IssuedToken issueToken(long memberId) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = "rpt_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        Instant expires = now.plus(TOKEN_LIFETIME);
        tx.executeWithoutResult(status -> {
            tokens.insert(digest(token), memberId, now, expires);
            tokens.deleteExpired(now);
        });
        return new IssuedToken(token, memberId, expires);
    }

    public Optional<MemberPrincipal> resolveToken(String token) {
        if (token == null || token.length() > 200) {
            return Optional.empty();
        }
        return tokens.find(digest(token), clock.instant()).map(ApiTokenRepository.Holder::principal);
    }

    /**
     * What the bearer filter asks: the token's member, or {@link AccountSuspendedException} when
     * they are suspended; one query for both.
     */
    Optional<MemberPrincipal> authenticateToken(String token) {
        if (token == null || token.length() > 200) {
            return Optional.empty();
        }
        Optional<ApiTokenRepository.Holder> holder = tokens.find(digest(token), clock.instant());
        holder.ifPresent(h -> standing.requireNotSuspended(h.suspendedUntil()));
        return holder.map(ApiTokenRepository.Holder::principal);
    }

    public boolean revokeToken(String token) {
        return token != null && tokens.delete(digest(token));
    }

    /** A token as issued: shown once, never stored in clear. */
    public record IssuedToken(String token, long memberId, Instant expiresAt) {
    }

    private String newStamp() {
        byte[] bytes = new byte[12];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    static String digest(String token) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /**
     * Confirms a dangerous action (deleting the account through the API) with the member's
     * password. Wrong passwords count as failed sign-ins of this member from this client, so a
     * stolen token cannot be used to guess the password faster than the sign-in form allows.
     */
    public void confirmWithPassword(long memberId, String password, String client) {
        if (password == null || password.isEmpty()) {
            throw new ConfirmationRequiredException();
        }
        String email = members.findById(memberId).map(Member::email).orElseThrow(MemberNotFoundException::new);
        throttle.check(email, client);
        if (!passwordMatches(memberId, password)) {
            throttle.recordFailure(email, client);
            throw new WrongConfirmationException();
        }
    }

    /** How a member confirms deleting their account (issue 16: members of single sign-on may have no password). */
    public enum Confirmation {
        /** Their password. */
        PASSWORD,
        /** A code from their authenticator app or a recovery code: they have no password, but a second factor. */
        CODE,
        /** Neither: a fresh sign-in through their provider (the page's session says when it signed in). */
        RECENT_SIGN_IN
    }

    /** What confirms deleting this member's account. */
    public Confirmation confirmation(long memberId) {
        boolean hasPassword = passwordSignIn && members.findCredentials(memberId)
                .filter(c -> !NO_PASSWORD.equals(c.passwordHash())).isPresent();
        if (hasPassword) {
            return Confirmation.PASSWORD;
        }
        return twoFactor.isEnabled(memberId) ? Confirmation.CODE : Confirmation.RECENT_SIGN_IN;
    }

    /**
     * Confirms deleting the account through the API: the password, or for a member without one
     * (single sign-on) a second-factor code; a member with neither must sign in again through their
     * provider and delete on the settings page ({@link ReauthenticationRequiredException}): a bearer
     * token alone never erases an account. Wrong answers count as failed sign-ins.
     */
    public void confirmDeletion(long memberId, String password, String code, String client) {
        switch (confirmation(memberId)) {
            case PASSWORD -> confirmWithPassword(memberId, password, client);
            case CODE -> {
                if (code == null || code.isBlank()) {
                    throw new ConfirmationRequiredException(true);
                }
                String email = members.findById(memberId).map(Member::email).orElseThrow(MemberNotFoundException::new);
                throttle.check(email, client);
                if (!twoFactor.verify(memberId, code)) {
                    throttle.recordFailure(email, client);
                    throw new WrongConfirmationException();
                }
            }
            case RECENT_SIGN_IN -> throw new ReauthenticationRequiredException();
        }
    }

    /** Checks a second-factor code of a member with two-factor sign-in on (confirming a deletion without password). */
    public boolean codeMatches(long memberId, String code) {
        return code != null && !code.isBlank() && twoFactor.isEnabled(memberId) && twoFactor.verify(memberId, code);
    }

    /** Checks a member's password (confirming a dangerous action such as deleting the account). */
    public boolean passwordMatches(long memberId, String password) {
        return password != null && password.length() <= PASSWORD_MAX
                && members.findCredentials(memberId).filter(c -> !NO_PASSWORD.equals(c.passwordHash()))
                .map(c -> passwords.matches(password, c.passwordHash()))
                .orElse(false);
    }
}
