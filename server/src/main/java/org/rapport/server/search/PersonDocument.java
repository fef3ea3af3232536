package org.rapport.server.search;

import java.util.List;

import org.rapport.server.member.Education;
import org.rapport.server.member.Position;

/**
 * What the index holds of one member: the public part (name, headline, location, industry), the
 * part a member may keep to their network ({@code limited}: positions, education, skills), and
 * {@code updatedAt} (epoch ms), which tells a stale index from a fresh one.
 */
record PersonDocument(long id, String firstName, String lastName, String headline, String location,
                      String industry, boolean limited, long updatedAt, List<Position> positions,
                      List<Education> education, List<String> skills) {

    PersonDocument {
        positions = List.copyOf(positions);
        education = List.copyOf(education);
        skills = List.copyOf(skills);
    }
}
