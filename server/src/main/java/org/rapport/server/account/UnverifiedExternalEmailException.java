package org.rapport.server.account;

import org.rapport.server.system.RapportException;

/**
 * A provider's sign-in would take over an existing account on the strength of an address nobody
 * proved: the provider does not vouch for it, or the account's owner never verified it (403).
 * Linking by an unproved address would let whoever registers that address at the provider, or
 * whoever signed up here with someone else's address, into the other person's account.
 */
public class UnverifiedExternalEmailException extends RapportException {

    UnverifiedExternalEmailException(String detail) {
        super("unverified-external-email", 403, "Address not verified", detail);
    }

    static UnverifiedExternalEmailException atProvider() {
        return new UnverifiedExternalEmailException("An account with this address exists here, but your identity "
                + "provider has not verified the address, so it cannot be linked. Verify it at the provider, or sign in "
                + "with your password.");
    }

    static UnverifiedExternalEmailException here() {
        return new UnverifiedExternalEmailException("An account with this address exists here, but its address was "
                + "never verified, so single sign-on cannot be linked to it. Sign in with your password and verify "
                + "the address first.");
    }
}
