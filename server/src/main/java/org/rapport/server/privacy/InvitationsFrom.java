package org.rapport.server.privacy;

/**
 * Who may send me invitations that reach my list (I2). Invitations from anyone else are kept in a
 * separate list I can review, and the sender is not told.
 */
public enum InvitationsFrom {
    /** Anyone. */
    ANYONE,
    /** People who typed my e-mail address when inviting me, or who are in my imported contacts. */
    EMAIL_OR_CONTACTS,
    /** Only people in my imported contacts. */
    CONTACTS
}
