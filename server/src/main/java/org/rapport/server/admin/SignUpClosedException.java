package org.rapport.server.admin;

import org.rapport.server.system.ValidationException;

/**
 * The sign-up policy refuses this address (400 on the {@code email} field, so the sign-up form shows
 * the sentence where the address was typed).
 */
public class SignUpClosedException extends ValidationException {

    SignUpClosedException(String message) {
        super("email", message);
    }
}
