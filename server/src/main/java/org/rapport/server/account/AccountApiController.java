package org.rapport.server.account;

import java.net.URI;
import java.time.Instant;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

import org.rapport.server.member.Member;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Accounts and tokens over the API (I4). */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Accounts", description = "Sign up, tokens, account deletion (I4)")
class AccountApiController {

    /** Sign-up: {@code name} is split at its last space, or give {@code firstName} and {@code lastName}. */
    record SignUpRequest(String email, String password, String name, String firstName, String lastName) {
    }

    /** {@code status}: ACTIVE, or AWAITING_APPROVAL for a sign-up an administrator must approve first (issue 17). */
    record AccountJson(String id, String email, String name, String firstName, String lastName, Instant createdAt,
                       String status) {
        static AccountJson of(Member m) {
            return new AccountJson(Long.toString(m.id()), m.email(), m.name(), m.firstName(), m.lastName(),
                    m.createdAt(), "ACTIVE");
        }

        static AccountJson awaitingApproval(Member m) {
            return new AccountJson(Long.toString(m.id()), m.email(), m.name(), m.firstName(), m.lastName(),
                    m.createdAt(), "AWAITING_APPROVAL");
        }
    }

    /** {@code code}: the two-factor (or recovery) code, for members who have two-factor sign-in on. */
    record TokenRequest(String email, String password, String code) {
    }

    record TokenJson(String token, String memberId, Instant expiresAt) {
    }

    private final AccountService accounts;
    private final EmailVerifications verifications;
    private final TwoFactor twoFactor;

    AccountApiController(AccountService accounts, EmailVerifications verifications, TwoFactor twoFactor) {
        this.twoFactor = twoFactor;
        this.accounts = accounts;
        this.verifications = verifications;
    }

    @ResponseStatus(HttpStatus.ACCEPTED)
    @PostMapping("/me/email-verification")
    @Operation(summary = "Send the verification mail for my address again",
            description = "202; 409 email-already-verified; 429 too-many-verification-mails (with Retry-After) within a "
                    + "minute of the last verification mail or after five in 24 hours. GET /me says emailVerified. "
                    + "Invitations sent to my address and address-book matches reach me only once it is verified.")
    ResponseEntity<Void> resendVerification(@AuthenticationPrincipal MemberPrincipal me) {
        verifications.resend(me.memberId());
        return ResponseEntity.accepted().build();
    }

    /** A new address for my account, confirmed with my password. */
    record EmailChangeRequest(String email, String password) {
    }

    record EmailJson(String email, boolean emailVerified) {
    }

    @PutMapping("/me/email")
    @Operation(summary = "Change my e-mail address",
            description = "{email, password} → 200 {email, emailVerified: false}. The new address is unverified until the "
                    + "link mailed to it is opened (POST /me/email-verification sends it again); the old address is told "
                    + "of the change; open links sent to the old address end; sessions and tokens keep working. "
                    + "400 on field email (malformed, or my address already); 401 confirmation-required without the "
                    + "password, 403 wrong-confirmation with a wrong one (counted as a failed sign-in); 409 email-taken "
                    + "when another account uses the address; 429 too-many-verification-mails under the mail limit of "
                    + "POST /me/email-verification. Nothing changes when refused.")
    EmailJson changeEmail(@AuthenticationPrincipal MemberPrincipal me,
                          @RequestBody(required = false) EmailChangeRequest body, HttpServletRequest request) {
        String email = verifications.changeEmail(me.memberId(), body == null ? null : body.email(),
                body == null ? null : body.password(), request.getRemoteAddr());
        return new EmailJson(email, false);
    }

    @ResponseStatus(HttpStatus.CREATED)
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "202",
            description = "The site approves each sign-up: the account waits (status AWAITING_APPROVAL)",
            content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/json",
                    schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = AccountJson.class)))
    @PostMapping("/accounts")
    @SecurityRequirements
    @Operation(summary = "Create an account", description = "201 with status ACTIVE; 202 with status AWAITING_APPROVAL "
            + "when the site approves each sign-up (the account cannot sign in until an administrator approves it: "
            + "403 awaiting-approval); 403 signup-closed when the sign-up policy refuses the address; "
            + "409 when the e-mail address is taken; 429 with "
            + "Retry-After when this client made rapport.accounts.signup-limit accounts in the window; 403 "
            + "password-sign-in-off when passwords are off (accounts are then made by signing in through the provider)")
    ResponseEntity<AccountJson> signUp(@RequestBody SignUpRequest body, HttpServletRequest request) {
        String first = body.firstName();
        String last = body.lastName();
        if (first == null && last == null && body.name() != null) {
            String[] parts = AccountService.splitName(body.name());
            first = parts[0];
            last = parts[1];
        }
        Member member = accounts.signUp(body.email(), body.password(), first, last, request.getRemoteAddr());
        if (accounts.awaitingApproval(member.id())) {
            return ResponseEntity.accepted().body(AccountJson.awaitingApproval(member));
        }
        return ResponseEntity.created(URI.create("/api/v1/members/" + member.id())).body(AccountJson.of(member));
    }

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping("/tokens")
    @SecurityRequirements
    @Operation(summary = "Sign in: exchange e-mail and password for a bearer token",
            description = "401 on wrong credentials; with two-factor sign-in on, 401 two-factor-required without "
                    + "\"code\" and invalid-two-factor-code with a wrong one; 429 with a doubling Retry-After after too many failures "
                    + "from this client (for this address, or for any); a client that has not been failing is never refused. "
                    + "With an LDAP directory configured (rapport.ldap.*) the directory's user name or address and password "
                    + "work too; with passwords off (rapport.accounts.password-sign-in=false) Rapport's own are refused: "
                    + "403 password-sign-in-off")
    ResponseEntity<TokenJson> token(@RequestBody TokenRequest body, HttpServletRequest request) {
        MemberPrincipal principal = accounts.authenticate(body.email(), body.password(), request.getRemoteAddr(),
                body.code());
        AccountService.IssuedToken token = accounts.issueToken(principal.memberId());
        return ResponseEntity.status(201)
                .body(new TokenJson(token.token(), Long.toString(token.memberId()), token.expiresAt()));
    }

    record CurrentTokenJson(String memberId) {
    }

    @GetMapping("/tokens/current")
    @Operation(summary = "Check the token of this request: whose it is",
            description = "200 with the member id while the token is valid, 401 otherwise. Costs one token lookup.")
    CurrentTokenJson current(@AuthenticationPrincipal MemberPrincipal me) {
        return new CurrentTokenJson(Long.toString(me.memberId()));
    }

    @DeleteMapping("/tokens/current")
    @Operation(summary = "Sign out: revoke the token of this request")
    ResponseEntity<Void> signOut(HttpServletRequest request) {
        accounts.revokeToken(BearerTokenFilter.bearer(request));
        return ResponseEntity.noContent().build();
    }

    record TwoFactorSetupJson(String secret, String otpauthUri, String qrCode) {
    }

    record CodeRequest(String code) {
    }

    record RecoveryCodesJson(java.util.List<String> recoveryCodes) {
    }

    record DisableTwoFactorRequest(String password, String code) {
    }

    @PostMapping("/me/two-factor")
    @Operation(summary = "Start setting up two-factor sign-in",
            description = "A new TOTP secret with its otpauth:// URI and a QR code (PNG data URI) for an authenticator app; "
                    + "nothing changes until POST /me/two-factor/confirm. 409 two-factor-already-on.")
    TwoFactorSetupJson beginTwoFactor(@AuthenticationPrincipal MemberPrincipal me) {
        TwoFactor.Setup setup = twoFactor.begin(me.memberId());
        return new TwoFactorSetupJson(setup.secret(), setup.otpauthUri(), setup.qrDataUri());
    }

    @PostMapping("/me/two-factor/confirm")
    @Operation(summary = "Switch two-factor sign-in on with a code from the app",
            description = "{code} → the ten one-time recovery codes, shown this once. 400 when the code does not match; "
                    + "409 two-factor-not-started or two-factor-already-on.")
    RecoveryCodesJson confirmTwoFactor(@AuthenticationPrincipal MemberPrincipal me,
                                       @RequestBody(required = false) CodeRequest body) {
        return new RecoveryCodesJson(twoFactor.confirm(me.memberId(), body == null ? null : body.code()));
    }

    @DeleteMapping("/me/two-factor")
    @Operation(summary = "Switch two-factor sign-in off",
            description = "{password, code} (code: from the app, or a recovery code) → 204. 401 confirmation-required "
                    + "without the password, 403 wrong-confirmation, 401 invalid-two-factor-code, 409 two-factor-not-on.")
    ResponseEntity<Void> disableTwoFactor(@AuthenticationPrincipal MemberPrincipal me,
                                          @RequestBody(required = false) DisableTwoFactorRequest body,
                                          HttpServletRequest request) {
        accounts.confirmDeletion(me.memberId(), body == null ? null : body.password(), body == null ? null : body.code(),
                request.getRemoteAddr());
        twoFactor.disable(me.memberId(), body == null ? null : body.code());
        return ResponseEntity.noContent().build();
    }

    /** What confirms deleting the account: the member's password, or a second-factor code for an account without one. */
    record DeleteRequest(String password, String code) {
    }

    @DeleteMapping("/me")
    @Operation(summary = "Delete my account and everything of mine: profile, invitations, connections",
            description = "Needs {password}: 401 problem confirmation-required without it, 403 wrong-confirmation "
                    + "when it is not right (counted as a failed sign-in; 429 past the limit); nothing is deleted then. "
                    + "An account without a password (single sign-on) confirms with {code} from its authenticator app; "
                    + "one with neither gets 403 reauthentication-required and deletes from the settings page after "
                    + "signing in again through its provider")
    ResponseEntity<Void> delete(@AuthenticationPrincipal MemberPrincipal me,
                                @RequestBody(required = false) DeleteRequest body, HttpServletRequest request) {
        accounts.confirmDeletion(me.memberId(), body == null ? null : body.password(), body == null ? null : body.code(),
                request.getRemoteAddr());
        accounts.delete(me.memberId());
        return ResponseEntity.noContent().build();
    }
}
