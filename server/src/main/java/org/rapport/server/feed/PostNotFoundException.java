package org.rapport.server.feed;

import org.rapport.server.system.NotFoundException;

/** No such update, or not one the caller may see. */
public class PostNotFoundException extends NotFoundException {
    public PostNotFoundException() {
        super("There is no such update, or it is not shared with you.");
    }
}
