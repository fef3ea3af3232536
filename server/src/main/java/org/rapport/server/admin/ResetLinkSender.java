package org.rapport.server.admin;

/**
 * Mails a member a link to choose a new password. Password reset by e-mail belongs to accounts
 * (issue 16); {@link MailedResetLinkSender} hands the request to it.
 */
public interface ResetLinkSender {

    /** Sends the member a reset link; throws a {@code RapportException} when it cannot. */
    void sendResetLink(long memberId);
}
