package org.rapport.server.system;

/** The request is well formed but clashes with the current state (409). */
public class ConflictException extends RapportException {

    public ConflictException(String type, String title, String detail) {
        super(type, 409, title, detail);
    }
}
