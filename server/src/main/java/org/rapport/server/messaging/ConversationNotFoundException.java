package org.rapport.server.messaging;

import org.rapport.server.system.NotFoundException;

/** No such conversation, or not one of the caller's, or with a member hidden by a block (404). */
public class ConversationNotFoundException extends NotFoundException {

    public ConversationNotFoundException() {
        super("There is no such conversation.");
    }
}
