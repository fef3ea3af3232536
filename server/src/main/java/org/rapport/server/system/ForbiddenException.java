package org.rapport.server.system;

/** The caller is known but may not do this (403). */
public class ForbiddenException extends RapportException {

    public ForbiddenException(String type, String detail) {
        super(type, 403, "Not allowed", detail);
    }
}
