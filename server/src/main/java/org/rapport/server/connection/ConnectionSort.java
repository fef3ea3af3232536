package org.rapport.server.connection;

import java.util.Locale;

import org.rapport.server.system.ValidationException;

/** Orders of a connections list. */
public enum ConnectionSort {
    RECENT, FIRST_NAME, LAST_NAME;

    public static ConnectionSort parse(String value) {
        if (value == null || value.isBlank()) {
            return RECENT;
        }
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ValidationException("sort", "sort must be one of recent, first_name, last_name.");
        }
    }

    public String param() {
        return name().toLowerCase(Locale.ROOT);
    }
}
