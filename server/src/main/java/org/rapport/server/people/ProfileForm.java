package org.rapport.server.people;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.rapport.server.member.Education;
import org.rapport.server.member.Member;
import org.rapport.server.member.Position;
import org.rapport.server.member.Profile;

/** What the profile form shows: the stored profile, or what the member typed when it had mistakes. */
public record ProfileForm(String firstName, String lastName, String headline, String location, String industry,
                          String about, List<Position> positions, List<Education> education, String skills,
                          String interests, Map<String, String> handles) {

    static ProfileForm of(Profile p) {
        Member m = p.member();
        return new ProfileForm(m.firstName(), m.lastName(), m.headline(), m.location(), m.industry(), m.about(),
                withBlank(p.positions(), new Position("", "", null, null)),
                withBlank(p.education(), new Education("", "", null, null)),
                String.join(", ", p.skills()), String.join(", ", p.interests()), p.handles());
    }

    /** Adds an empty row to the positions ("position") or education ("education") list. */
    ProfileForm withBlankRow(String which) {
        return new ProfileForm(firstName, lastName, headline, location, industry, about,
                "position".equals(which) ? withBlank(positions, new Position("", "", null, null)) : positions,
                "education".equals(which) ? withBlank(education, new Education("", "", null, null)) : education,
                skills, interests, handles);
    }

    public String handle(String network) {
        return handles.getOrDefault(network, "");
    }

    public static String year(Integer year) {
        return year == null ? "" : year.toString();
    }

    private static <T> List<T> withBlank(List<T> list, T blank) {
        List<T> out = new ArrayList<>(list);
        out.add(blank);
        return out;
    }
}
