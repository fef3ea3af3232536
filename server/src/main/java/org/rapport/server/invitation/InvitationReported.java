package org.rapport.server.invitation;

/**
 * A recipient ignored an invitation as "I don't know this person" or spam, inside the ignoring
 * transaction: the moderation queue (issue 17) takes it as a report.
 */
public record InvitationReported(long invitationId, long recipientId, long senderId, IgnoreReason reason) {
}
