package org.rapport.server.group;

import org.rapport.server.system.ForbiddenException;

/** The caller sees the group but their role does not allow this (403), with the reason in words. */
public class GroupForbiddenException extends ForbiddenException {

    public GroupForbiddenException(String type, String detail) {
        super(type, detail);
    }
}
