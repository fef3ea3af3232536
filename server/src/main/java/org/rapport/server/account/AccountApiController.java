package org.rapport.server.account;

import java.net.URI;
import java.time.Instant;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

import org.rapport.server.member.Member;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Accounts and tokens over the API (I4). */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Accounts", description = "Sign up, tokens, account deletion (I4)")
class AccountApiController {

    /** Sign-up: {@code name} is split at its last space, or give {@code firstName} and {@code lastName}. */
    record SignUpRequest(String email, String password, String name, String firstName, String lastName) {
    }

    record AccountJson(String id, String email, String name, String firstName, String lastName, Instant createdAt) {
        static AccountJson of(Member m) {
            return new AccountJson(Long.toString(m.id()), m.email(), m.name(), m.firstName(), m.lastName(),
                    m.createdAt());
        }
    }

    record TokenRequest(String email, String password) {
    }

    record TokenJson(String token, String memberId, Instant expiresAt) {
    }

    private final AccountService accounts;

    AccountApiController(AccountService accounts) {
        this.accounts = accounts;
    }

    @PostMapping("/accounts")
    @SecurityRequirements
    @Operation(summary = "Create an account", description = "409 when the e-mail address is taken; 429 with "
            + "Retry-After when this client made rapport.accounts.signup-limit accounts in the window")
    ResponseEntity<AccountJson> signUp(@RequestBody SignUpRequest body, HttpServletRequest request) {
        String first = body.firstName();
        String last = body.lastName();
        if (first == null && last == null && body.name() != null) {
            String[] parts = AccountService.splitName(body.name());
            first = parts[0];
            last = parts[1];
        }
        Member member = accounts.signUp(body.email(), body.password(), first, last, request.getRemoteAddr());
        return ResponseEntity.created(URI.create("/api/v1/members/" + member.id())).body(AccountJson.of(member));
    }

    @PostMapping("/tokens")
    @SecurityRequirements
    @Operation(summary = "Sign in: exchange e-mail and password for a bearer token",
            description = "401 on wrong credentials; 429 with a doubling Retry-After after too many failures "
                    + "from this client (for this address, or for any); a client that has not been failing is never refused")
    ResponseEntity<TokenJson> token(@RequestBody TokenRequest body, HttpServletRequest request) {
        MemberPrincipal principal = accounts.authenticate(body.email(), body.password(), request.getRemoteAddr());
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

    /** What confirms deleting the account: the member's password. */
    record DeleteRequest(String password) {
    }

    @DeleteMapping("/me")
    @Operation(summary = "Delete my account and everything of mine: profile, invitations, connections",
            description = "Needs {password}: 401 problem confirmation-required without it, 403 wrong-confirmation "
                    + "when it is not right (counted as a failed sign-in; 429 past the limit); nothing is deleted then")
    ResponseEntity<Void> delete(@AuthenticationPrincipal MemberPrincipal me,
                                @RequestBody(required = false) DeleteRequest body, HttpServletRequest request) {
        accounts.confirmWithPassword(me.memberId(), body == null ? null : body.password(), request.getRemoteAddr());
        accounts.delete(me.memberId());
        return ResponseEntity.noContent().build();
    }
}
