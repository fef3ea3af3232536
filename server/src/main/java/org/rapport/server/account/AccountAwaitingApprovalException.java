package org.rapport.server.account;

/**
 * The person signed up while the community approves each sign-up, and no administrator has
 * decided yet (403). A kind of suspension, so that every place that refuses a suspended member
 * refuses them too.
 */
public class AccountAwaitingApprovalException extends AccountSuspendedException {

    public AccountAwaitingApprovalException() {
        super("awaiting-approval", "Awaiting approval", "Your request to join is waiting for approval. "
                + "You will get an e-mail when an administrator has decided.");
    }
}
