package org.rapport.server.member;

import java.time.Instant;

/** A member's account and the scalar part of the profile. */
public record Member(
        long id,
        String email,
        String firstName,
        String lastName,
        String headline,
        String location,
        String industry,
        String about,
        String externalId,
        ConnectionsVisibility connectionsVisibility,
        Instant createdAt) {

    public MemberSummary summary() {
        return new MemberSummary(id, firstName, lastName, headline, location);
    }

    public String name() {
        return summary().name();
    }
}
