package org.rapport.server.system;

/** Parsing the string ids clients send. A malformed id names nothing, so it is "not found". */
public final class Ids {

    private Ids() {
    }

    /** The member id in a request body field; a malformed one is a validation error on that field. */
    public static long parseField(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new ValidationException(field, field + " is required.");
        }
        try {
            long id = Long.parseLong(value.strip());
            if (id <= 0) {
                throw new NumberFormatException();
            }
            return id;
        } catch (NumberFormatException e) {
            throw new ValidationException(field, "\"" + abbreviate(value) + "\" is not a member id.");
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
