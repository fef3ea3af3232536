package org.rapport.server.account;

/**
 * A member's account is about to be deleted, inside the deleting transaction: listeners settle
 * what the foreign keys alone would leave wrong (a group without an owner), and fail the deletion
 * by throwing.
 */
public record AccountDeleting(long memberId) {
}
