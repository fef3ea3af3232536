package org.rapport.server.invitation;

/**
 * Why an invitation went to the recipient's separate list instead of their invitations (I2, B6).
 * The sender is never told: to them it is pending like any other.
 */
public enum FilterReason {
    NOT_KNOWN("The sender did not give your e-mail address"),
    NOT_IN_CONTACTS("The sender is not in your imported contacts"),
    NO_NOTE("No note"),
    NOTHING_SHARED("No group, company or school in common"),
    NOT_SECOND_DEGREE("Not a 2nd-degree connection");

    private final String description;

    FilterReason(String description) {
        this.description = description;
    }

    /** For the recipient: which of their rules the invitation did not meet. */
    public String description() {
        return description;
    }
}
