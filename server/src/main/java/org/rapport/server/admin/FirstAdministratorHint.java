package org.rapport.server.admin;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** A server with no administrator says, once it is up, how to make the first one. */
@Component
@ConditionalOnWebApplication
class FirstAdministratorHint {

    private static final Logger log = LoggerFactory.getLogger(FirstAdministratorHint.class);

    private final AdminService admin;

    FirstAdministratorHint(AdminService admin) {
        this.admin = admin;
    }

    @EventListener(ApplicationReadyEvent.class)
    void ready() {
        if (!admin.hasAdministrator()) {
            log.warn("This community has no administrator yet. Sign up, then run: "
                    + "./rapport admin grant <your e-mail> admin   (see docs/operating.md)");
        }
    }
}
