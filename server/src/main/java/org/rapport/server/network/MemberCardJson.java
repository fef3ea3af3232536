package org.rapport.server.network;

/**
 * A member card in API responses. Ids are strings: opaque to clients. {@code photoUrl} is the
 * address of the member's photo (400 px; {@code &size=small} for 96 px) when the caller may see
 * it, else null: show initials.
 */
public record MemberCardJson(
        String id,
        String name,
        String firstName,
        String lastName,
        String headline,
        String location,
        Degree degree,
        int mutualConnectionCount,
        String photoUrl) {

    public static MemberCardJson of(MemberCard card) {
        var m = card.member();
        return new MemberCardJson(Long.toString(m.id()), m.name(), m.firstName(), m.lastName(), m.headline(),
                m.location(), card.degree(), card.mutualConnectionCount(), apiPhotoUrl(m.id(), m.photo()));
    }

    /** The API address of a member's photo with its fingerprint, or null without one. */
    public static String apiPhotoUrl(long member, String fingerprint) {
        return fingerprint == null ? null : "/api/v1/members/" + member + "/photo?v=" + fingerprint;
    }
}
