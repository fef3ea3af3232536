package org.rapport.server.bulkimport;

import org.rapport.server.system.RapportException;

/**
 * An import refused before or while writing, with nothing written. The message is one line,
 * {@code file:line: reason} when a line of the source is to blame.
 */
public class ImportRejectedException extends RapportException {

    public ImportRejectedException(String detail) {
        super("import-rejected", 422, "Import rejected", detail);
    }

    public ImportRejectedException(String detail, Throwable cause) {
        this(detail);
        initCause(cause);
    }

    /** A problem with one line of a source file. */
    static ImportRejectedException at(String file, long line, String reason) {
        return new ImportRejectedException(file + ":" + line + ": " + reason);
    }
}
