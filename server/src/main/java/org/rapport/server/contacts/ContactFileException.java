package org.rapport.server.contacts;

import org.rapport.server.system.ValidationException;

/** A file that cannot be read at all: nothing is imported; the message names the line. */
public class ContactFileException extends ValidationException {

    private final int line;

    public ContactFileException(int line, String reason) {
        super("file", line > 0 ? "Line " + line + ": " + reason : reason);
        this.line = line;
    }

    public int line() {
        return line;
    }
}
