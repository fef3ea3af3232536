package org.rapport.server.people;

import java.util.ArrayList;
import java.util.List;

import org.rapport.server.connection.ConnectionService;
import org.rapport.server.invitation.InvitationRelation;
import org.rapport.server.invitation.InvitationService;
import org.rapport.server.member.Member;
import org.rapport.server.member.MemberRepository;
import org.rapport.server.member.Profile;
import org.rapport.server.member.ProfileService;
import org.rapport.server.network.Degree;
import org.rapport.server.network.MemberCard;
import org.rapport.server.network.NetworkService;
import org.rapport.server.network.SharedBackground;
import org.rapport.server.system.PageRequest;
import org.rapport.server.system.Text;
import org.springframework.stereotype.Service;

/** Assembles what a viewer sees of a member. */
@Service
public class PeopleService {

    private static final int MUTUAL_PREVIEW = 3;

    private final ProfileService profiles;
    private final MemberRepository members;
    private final NetworkService network;
    private final InvitationService invitations;
    private final ConnectionService connections;
    private final SharedBackground background;

    public PeopleService(ProfileService profiles, MemberRepository members, NetworkService network,
                         InvitationService invitations, ConnectionService connections, SharedBackground background) {
        this.profiles = profiles;
        this.members = members;
        this.network = network;
        this.invitations = invitations;
        this.connections = connections;
        this.background = background;
    }

    public ProfileView view(long viewer, long memberId) {
        Profile profile = profiles.profile(memberId);
        Degree degree = network.degree(viewer, memberId);
        int mutual = network.mutualCount(viewer, memberId);
        List<MemberCard> preview = mutual == 0 ? List.of()
                : connections.mutual(viewer, memberId, PageRequest.first(MUTUAL_PREVIEW)).items();
        InvitationRelation relation = degree == Degree.FIRST || degree == Degree.SELF
                ? InvitationRelation.NONE : invitations.relation(viewer, memberId);
        Member m = profile.member();
        List<MemberCard> path = List.of();
        if (degree != Degree.SELF && degree != Degree.FIRST) {
            long[] ids = network.path(viewer, memberId);
            List<Long> list = new ArrayList<>();
            for (long id : ids) {
                list.add(id);
            }
            path = network.cardsFor(viewer, list);
        }
        return new ProfileView(profile, degree, mutual, preview, relation, network.connectionCount(memberId),
                connections.canSeeAllConnections(viewer, m), path,
                degree == Degree.SELF ? new SharedBackground.Shared(List.of(), List.of(), List.of())
                        : background.between(viewer, memberId));
    }

    /** Members whose name or headline contains the query, as cards for the viewer. */
    public List<MemberCard> find(long viewer, String query, int limit) {
        String q = query == null ? "" : Text.withoutControlCharacters(query).strip();
        if (q.isEmpty()) {
            return List.of();
        }
        if (q.length() > 100) {
            q = q.substring(0, 100);
        }
        return network.cards(viewer, members.searchByName(q, viewer, limit));
    }
}
