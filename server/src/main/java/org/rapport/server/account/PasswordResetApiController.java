package org.rapport.server.account;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Password reset by e-mail over the API (issue 16); no token needed, the mailed link is the proof. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Accounts", description = "Sign up, tokens, account deletion (I4)")
class PasswordResetApiController {

    record ResetRequest(String email) {
    }

    record NewPasswordRequest(String password) {
    }

    private final PasswordResets resets;

    PasswordResetApiController(PasswordResets resets) {
        this.resets = resets;
    }

    @ResponseStatus(HttpStatus.ACCEPTED)
    @PostMapping("/password-resets")
    @SecurityRequirements
    @Operation(summary = "Ask for a password-reset link by e-mail",
            description = "202 whatever the address (nothing tells whether it is a member's). A member's address "
                    + "receives a single-use link valid for one hour, at most 3 an hour, when mail is configured. "
                    + "403 password-sign-in-off when passwords are off (rapport.accounts.password-sign-in=false).")
    ResponseEntity<Void> request(@RequestBody(required = false) ResetRequest body) {
        resets.requirePasswords();
        if (body != null && body.email() != null) {
            resets.requestReset(body.email());
        }
        return ResponseEntity.accepted().build();
    }

    @PostMapping("/password-resets/{token}")
    @SecurityRequirements
    @Operation(summary = "Set a new password with the token of a reset link",
            description = "204; every session and API token of the member ends. 400 with the reason for a weak "
                    + "password, 404 reset-link-not-found for an unknown token, 410 reset-link-expired for a used "
                    + "or expired one; 403 password-sign-in-off when passwords are off.")
    ResponseEntity<Void> reset(@PathVariable String token, @RequestBody(required = false) NewPasswordRequest body) {
        resets.resetPassword(token, body == null ? null : body.password());
        return ResponseEntity.noContent().build();
    }
}
