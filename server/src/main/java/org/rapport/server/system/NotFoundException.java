package org.rapport.server.system;

/** Something does not exist, or the caller may not know that it does (both are 404). */
public class NotFoundException extends RapportException {

    public NotFoundException(String what) {
        super("not-found", 404, "Not found", what);
    }
}
