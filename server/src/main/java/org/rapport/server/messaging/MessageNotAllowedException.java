package org.rapport.server.messaging;

import org.rapport.server.system.ForbiddenException;

/** The sender may not write to this member now (403); the detail says why in plain words. */
public class MessageNotAllowedException extends ForbiddenException {

    public MessageNotAllowedException(String type, String detail) {
        super(type, detail);
    }
}
