package org.rapport.server.member;

import java.util.List;
import java.util.Map;

/**
 * A partial update of a profile (PATCH): every null field is left as it is; a list or map given
 * replaces the whole list. Raw member input: {@link ProfileService} cleans and validates it.
 */
public record ProfileChanges(
        String firstName,
        String lastName,
        String headline,
        String location,
        String industry,
        String about,
        List<Position> positions,
        List<Education> education,
        List<String> skills,
        List<String> interests,
        Map<String, String> handles) {

    public static ProfileChanges none() {
        return new ProfileChanges(null, null, null, null, null, null, null, null, null, null, null);
    }
}
