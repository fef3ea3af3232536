package org.rapport.server.account;

/**
 * Published inside the transaction that created a member's account, so that what was waiting for
 * their e-mail address (contacts who uploaded it, invitations sent to it) finds them at once.
 */
public record MemberSignedUp(long memberId, String email) {
}
