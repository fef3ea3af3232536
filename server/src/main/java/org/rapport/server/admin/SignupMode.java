package org.rapport.server.admin;

/** Who may create an account, set by an administrator. */
public enum SignupMode {
    /** Anyone. */
    OPEN,
    /** Only addresses a member invited by e-mail (an open e-mail invitation). */
    INVITE_ONLY,
    /** Only addresses at one of the allowed e-mail domains. */
    DOMAINS,
    /**
     * Anyone may ask; an administrator approves. Not available yet: accepted by neither the API nor
     * the pages until approval is built (it needs a "pending" standing for sign-in, issue 16's area).
     */
    APPROVAL
}
