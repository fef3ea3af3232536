package org.rapport.server.contacts;

import java.util.List;

/**
 * One contact as read from a file: its line (the first line of its record), the name shown, its
 * e-mail addresses (normalised: trimmed, lower case) and its handles on other networks
 * ({@code network:handle}, normalised).
 */
public record RawContact(int line, String name, List<String> emails, List<String> handles) {

    public RawContact {
        name = name == null ? "" : name.strip();
        emails = List.copyOf(emails);
        handles = List.copyOf(handles);
    }
}
