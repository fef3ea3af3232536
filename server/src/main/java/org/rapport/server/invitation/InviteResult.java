package org.rapport.server.invitation;

/**
 * What sending an invitation did: created a pending invitation, or, when the invitee had already
 * invited the sender (A4), accepted theirs, so the two are now connected.
 */
public record InviteResult(Invitation invitation, boolean connected) {
}
