package org.rapport.server.account;

import org.rapport.server.system.RapportException;

/**
 * A dangerous action (deleting the account) by a member who has no password to confirm it with and
 * no second factor: only a fresh sign-in through their provider proves it is them (403).
 */
public class ReauthenticationRequiredException extends RapportException {

    ReauthenticationRequiredException() {
        super("reauthentication-required", 403, "Sign in again first",
                "This account signs in through an identity provider and has no password or second factor to confirm "
                        + "with. Sign in again through the provider and delete it from the settings page within "
                        + "ten minutes, or switch on two-factor sign-in and send {\"code\": \"…\"}.");
    }
}
