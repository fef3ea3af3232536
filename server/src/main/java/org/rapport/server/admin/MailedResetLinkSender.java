package org.rapport.server.admin;

import org.rapport.server.account.PasswordResets;
import org.springframework.stereotype.Component;

/**
 * The administrator's "send a password reset" (K4) mails the member the same single-use, one-hour
 * link as "Forgot password?" (issue 16's {@link PasswordResets}), without the hourly cap that
 * protects members from strangers asking for theirs.
 */
@Component
class MailedResetLinkSender implements ResetLinkSender {

    private final PasswordResets resets;

    MailedResetLinkSender(PasswordResets resets) {
        this.resets = resets;
    }

    @Override
    public void sendResetLink(long memberId) {
        resets.sendResetLink(memberId);
    }
}
