package org.rapport.server.admin;

/** A member as the administration lists them. */
public enum MemberStatus {
    /** Signed up (or claimed an imported account) and not suspended. */
    ACTIVE,
    /** Signed up while sign-up was by approval, and no administrator has decided yet: cannot sign in, hidden. */
    AWAITING_APPROVAL,
    /** Suspended now. */
    SUSPENDED,
    /** Brought in by a bulk import and never claimed: cannot sign in. */
    IMPORTED,
    /** Signed up, not suspended, and has not yet followed the link mailed to their address (issue 16). */
    UNVERIFIED
}
