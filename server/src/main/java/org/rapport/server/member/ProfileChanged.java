package org.rapport.server.member;

/**
 * Published inside a transaction that changed what others may find of a member: their profile,
 * their privacy settings, or the account itself (created or deleted). Listeners read the committed
 * state themselves, so the event carries only the id.
 */
public record ProfileChanged(long memberId) {
}
