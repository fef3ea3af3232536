package org.rapport.server.member;

import java.util.List;
import java.util.Map;

/** A member with the lists that make up the profile page. */
public record Profile(
        Member member,
        List<Position> positions,
        List<Education> education,
        List<String> skills,
        List<String> interests,
        Map<String, String> handles) {

    public Profile {
        positions = List.copyOf(positions);
        education = List.copyOf(education);
        skills = List.copyOf(skills);
        interests = List.copyOf(interests);
        handles = Map.copyOf(handles);
    }

    /** The first current position, if any: what a headline-less card shows. */
    public Position currentPosition() {
        return positions.stream().filter(Position::current).findFirst().orElse(null);
    }
}
