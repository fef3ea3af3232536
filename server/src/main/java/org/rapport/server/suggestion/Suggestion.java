package org.rapport.server.suggestion;

import java.util.List;

import org.rapport.server.network.MemberCard;

/** A member suggested to the viewer, with the score that ranked them and why, strongest reason first. */
public record Suggestion(MemberCard card, double score, List<Reason> reasons) {

    public Suggestion {
        reasons = List.copyOf(reasons);
    }

    /** The reasons joined into one line for a card: "3 mutual connections: A, B and C · Both at Acme 2019–2021". */
    public String reasonLine() {
        return String.join(" · ", reasons.stream().map(Reason::detail).toList());
    }
}
