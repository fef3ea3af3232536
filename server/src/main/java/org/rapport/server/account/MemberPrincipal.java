package org.rapport.server.account;

import java.io.Serializable;

/**
 * Who is asking. Held in the session for pages (with the account's security stamp, so that a
 * password change or account deletion signs out every other session) and built per request from a
 * bearer token for the API.
 */
public record MemberPrincipal(long memberId, String securityStamp) implements Serializable {

    @Override
    public String toString() {
        return "member " + memberId;
    }
}
