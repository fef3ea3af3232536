package org.rapport.server.account;

import java.time.Instant;

import org.rapport.server.system.RapportException;

/** The member is suspended by a moderator: they cannot sign in or act until it ends or is lifted (403). */
public class AccountSuspendedException extends RapportException {

    public AccountSuspendedException(Instant until) {
        super("account-suspended", 403, "Account suspended", until == null
                ? "This account is suspended. Contact the administrators of this community."
                : "This account is suspended until " + until + ". Contact the administrators of this community.");
    }

    protected AccountSuspendedException(String type, String title, String detail) {
        super(type, 403, title, detail);
    }
}
