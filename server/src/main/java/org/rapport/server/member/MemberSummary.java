package org.rapport.server.member;

import java.util.Locale;

/**
 * What lists show of a member: enough for a name, a headline and an avatar.
 *
 * @param photo       the fingerprint of the member's photo (issue 18), or null for none: the
 *                    avatar then shows initials
 * @param networkOnly the member keeps their full profile, photo included, to their network
 *                    ({@code ProfileVisibility.NETWORK}); {@code MemberCard} drops the photo for a
 *                    viewer out of it
 */
public record MemberSummary(long id, String firstName, String lastName, String headline, String location,
                            String photo, boolean networkOnly) {

    /** A summary without a photo. */
    public MemberSummary(long id, String firstName, String lastName, String headline, String location) {
        this(id, firstName, lastName, headline, location, null, false);
    }

    /** The same member shown with initials only. */
    public MemberSummary withoutPhoto() {
        return photo == null ? this : new MemberSummary(id, firstName, lastName, headline, location, null, networkOnly);
    }

    /**
     * The page address of the photo in one size ({@code small} 96 px, {@code large} 400 px), with
     * the fingerprint so that a browser may keep it for a year; null without a photo.
     */
    public String photoUrl(String size) {
        return photo == null ? null : "/members/" + id + "/photo?size=" + size + "&v=" + photo;
    }

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
