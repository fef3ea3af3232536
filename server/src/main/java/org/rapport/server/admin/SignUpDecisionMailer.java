package org.rapport.server.admin;

import org.rapport.server.system.RapportProperties;
import org.rapport.server.system.SiteIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Tells a person who asked to join what an administrator decided (sign-up by approval). Sent
 * after the decision is committed; without a mail server (or when it refuses) the decision stands
 * and the failure is logged.
 */
@Component
class SignUpDecisionMailer {

    private static final Logger log = LoggerFactory.getLogger(SignUpDecisionMailer.class);

    private final ObjectProvider<JavaMailSender> senders;
    private final RapportProperties.Mail mail;
    private final SiteIdentity site;

    SignUpDecisionMailer(ObjectProvider<JavaMailSender> senders, RapportProperties properties, SiteIdentity site) {
        this.senders = senders;
        this.mail = properties.mail();
        this.site = site;
    }

    void approved(String email, String firstName) {
        String name = site.siteName();
        send(email, "Welcome to " + name + ": your request to join is approved",
                "Hello " + firstName + ",\n\n"
                        + "An administrator of " + name + " approved your request to join. Sign in with the address "
                        + "and password you chose:\n\n" + site.publicUrl() + "/signin\n\n"
                        + "We have also sent you a link to confirm your e-mail address.\n");
    }

    void refused(String email, String firstName, String reason) {
        String name = site.siteName();
        send(email, "Your request to join " + name,
                "Hello " + firstName + ",\n\n"
                        + "An administrator of " + name + " did not approve your request to join, and the account "
                        + "you asked for is deleted.\n"
                        + (reason.isEmpty() ? "" : "\nTheir reason: " + reason + "\n"));
    }

    private void send(String email, String subject, String text) {
        JavaMailSender sender = senders.getIfAvailable();
        if (sender == null) {
            log.warn("A sign-up decision should be mailed, but no mail server is configured (spring.mail.host)");
            return;
        }
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(mail.from());
        message.setTo(email);
        message.setSubject(subject);
        message.setText(text);
        try {
            sender.send(message);
        } catch (MailException e) {
            log.warn("Could not mail a sign-up decision: {}", e.getMessage());
        }
    }
}
