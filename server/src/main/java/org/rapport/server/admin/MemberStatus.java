package org.rapport.server.admin;

/**
 * A member as the administration lists them. UNVERIFIED comes with e-mail verification (issue 16):
 * once members carry a verified flag it is one more filter here.
 */
public enum MemberStatus {
    /** Signed up (or claimed an imported account) and not suspended. */
    ACTIVE,
    /** Suspended now. */
    SUSPENDED,
    /** Brought in by a bulk import and never claimed: cannot sign in. */
    IMPORTED
}
