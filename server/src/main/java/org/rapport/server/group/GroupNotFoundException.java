package org.rapport.server.group;

import org.rapport.server.system.NotFoundException;

/** No such group, or one the caller may not know about (an unlisted group they were banned from). */
public class GroupNotFoundException extends NotFoundException {

    public GroupNotFoundException() {
        super("There is no such group.");
    }

    public GroupNotFoundException(String what) {
        super(what);
    }
}
