package org.rapport.server.member;

import java.time.Instant;

/**
 * A member's account and the scalar part of the profile; {@code photo} is the fingerprint of the
 * profile photo or null, {@code networkOnly} whether the full profile is kept to the network.
 */
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
        Instant createdAt,
        String photo,
        boolean networkOnly) {

    /** A member without a photo (issue 18) who shows their profile to everyone. */
    public Member(long id, String email, String firstName, String lastName, String headline, String location,
                  String industry, String about, String externalId, ConnectionsVisibility connectionsVisibility,
                  Instant createdAt) {
        this(id, email, firstName, lastName, headline, location, industry, about, externalId, connectionsVisibility,
                createdAt, null, false);
    }

    public MemberSummary summary() {
        return new MemberSummary(id, firstName, lastName, headline, location, photo, networkOnly);
    }

    public String name() {
        return summary().name();
    }
}
