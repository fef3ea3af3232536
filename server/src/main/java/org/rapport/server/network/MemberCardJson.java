package org.rapport.server.network;

/** A member card in API responses. Ids are strings: opaque to clients. */
public record MemberCardJson(
        String id,
        String name,
        String firstName,
        String lastName,
        String headline,
        String location,
        Degree degree,
        int mutualConnectionCount) {

    public static MemberCardJson of(MemberCard card) {
        var m = card.member();
        return new MemberCardJson(Long.toString(m.id()), m.name(), m.firstName(), m.lastName(), m.headline(),
                m.location(), card.degree(), card.mutualConnectionCount());
    }
}
