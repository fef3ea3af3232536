package org.rapport.server.admin;

import org.springframework.context.annotation.Fallback;
import org.springframework.stereotype.Component;

/**
 * The stand-in {@link ResetLinkSender} while no real one exists: every reset is refused with a 503.
 * A {@link Fallback}: any other {@code ResetLinkSender} bean replaces it.
 */
@Component
@Fallback
class UnavailableResetLinkSender implements ResetLinkSender {

    @Override
    public void sendResetLink(long memberId) {
        throw new AdminExceptions.PasswordResetUnavailableException();
    }
}
