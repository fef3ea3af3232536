package org.rapport.server.privacy;

/** What members out of my network (beyond the 3rd degree) see of my profile (I3). */
public enum ProfileVisibility {
    /** The whole profile. */
    EVERYONE,
    /** Name, headline, location and industry only; the rest for 1st, 2nd and 3rd degree. */
    NETWORK
}
