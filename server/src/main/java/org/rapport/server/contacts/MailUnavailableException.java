package org.rapport.server.contacts;

import org.rapport.server.system.RapportException;

/** E-mail cannot go out: this server has no SMTP server set up (503), or it refused the message (502). */
public class MailUnavailableException extends RapportException {

    private MailUnavailableException(String type, int status, String title, String detail) {
        super(type, status, title, detail);
    }

    static MailUnavailableException notConfigured() {
        return new MailUnavailableException("mail-not-configured", 503, "E-mail is not set up",
                "This server does not send e-mail, so it cannot invite people who are not members yet. Its operator "
                        + "can set an SMTP server (spring.mail.host).");
    }

    static MailUnavailableException failed() {
        return new MailUnavailableException("mail-failed", 502, "E-mail could not be sent",
                "The e-mail could not be sent just now; nothing was recorded. Try again later.");
    }
}
