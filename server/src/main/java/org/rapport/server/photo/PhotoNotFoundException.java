package org.rapport.server.photo;

import org.rapport.server.system.NotFoundException;

/** The member has no photo, or none the caller may see. */
public class PhotoNotFoundException extends NotFoundException {

    public PhotoNotFoundException() {
        super("There is no photo here.");
    }
}
