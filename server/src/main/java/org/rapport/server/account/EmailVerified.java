package org.rapport.server.account;

/**
 * A member proved they receive mail at {@code email} (published inside the transaction that
 * records it). What waits for an address (invitations sent to it, address-book matches) attaches
 * to the member now, never before.
 */
public record EmailVerified(long memberId, String email) {
}
