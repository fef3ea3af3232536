package org.rapport.server.system;

/**
 * The base of every error a member can cause and understand. Each subclass names a condition and
 * carries a stable problem {@code type} slug (the API turns it into
 * {@code https://rapport.example/problems/<slug>}), an HTTP status and a human sentence for
 * {@code detail}. Pages show the same sentence.
 */
public abstract class RapportException extends RuntimeException {

    private final String type;
    private final int status;
    private final String title;

    protected RapportException(String type, int status, String title, String detail) {
        super(detail);
        this.type = type;
        this.status = status;
        this.title = title;
    }

    public String type() {
        return type;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }
}
