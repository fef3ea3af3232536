package org.rapport.server.member;

import org.rapport.server.system.NotFoundException;

/** No such member, or one the caller may not see. */
public class MemberNotFoundException extends NotFoundException {

    public MemberNotFoundException() {
        super("There is no member with this id.");
    }
}
