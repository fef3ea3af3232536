package org.rapport.server.member;

import java.util.Locale;

/** What lists show of a member: enough for a name, a headline and an avatar. */
public record MemberSummary(long id, String firstName, String lastName, String headline, String location) {

    public String name() {
        return lastName.isEmpty() ? firstName : firstName + " " + lastName;
    }

    /** One or two letters for the avatar circle. */
    public String initials() {
        StringBuilder sb = new StringBuilder();
        if (!firstName.isEmpty()) {
            sb.appendCodePoint(firstName.codePointAt(0));
        }
        if (!lastName.isEmpty()) {
            sb.appendCodePoint(lastName.codePointAt(0));
        }
        return sb.toString().toUpperCase(Locale.ROOT);
    }

    /** A stable colour class ({@code h0}…{@code h11}) for the avatar circle, derived from the id. */
    public String hue() {
        return "h" + Math.floorMod(id * 7L, 12L);
    }
}
