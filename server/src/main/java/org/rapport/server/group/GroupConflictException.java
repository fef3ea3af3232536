package org.rapport.server.group;

import org.rapport.server.system.ConflictException;

/** The request clashes with the group's state (409): the owner leaving without a successor, say. */
public class GroupConflictException extends ConflictException {

    public GroupConflictException(String type, String detail) {
        super(type, "Conflict", detail);
    }
}
