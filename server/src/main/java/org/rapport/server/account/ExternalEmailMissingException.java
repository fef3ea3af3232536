package org.rapport.server.account;

import org.rapport.server.system.RapportException;

/** The provider gave no usable e-mail address for a person Rapport does not know yet (403). */
public class ExternalEmailMissingException extends RapportException {

    ExternalEmailMissingException() {
        super("external-email-missing", 403, "No e-mail address",
                "Your identity provider did not share an e-mail address, which a Rapport account needs. "
                        + "Allow the e-mail scope at the provider and try again.");
    }
}
