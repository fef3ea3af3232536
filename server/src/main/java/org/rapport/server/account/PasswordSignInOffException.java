package org.rapport.server.account;

import org.rapport.server.system.RapportException;

/**
 * Passwords are turned off ({@code rapport.accounts.password-sign-in=false}): members sign in through
 * the organisation's identity provider only (403).
 */
public class PasswordSignInOffException extends RapportException {

    PasswordSignInOffException(String detail) {
        super("password-sign-in-off", 403, "Passwords are turned off", detail);
    }

    static PasswordSignInOffException signIn() {
        return new PasswordSignInOffException("This Rapport signs in through your organisation's identity provider only; "
                + "passwords are turned off.");
    }

    static PasswordSignInOffException signUp() {
        return new PasswordSignInOffException("Accounts here are made by signing in through your organisation's "
                + "identity provider; passwords are turned off.");
    }

    static PasswordSignInOffException reset() {
        return new PasswordSignInOffException("Passwords are turned off here, so there is none to reset: sign in "
                + "through your organisation's identity provider.");
    }
}
