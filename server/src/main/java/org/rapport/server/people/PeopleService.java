package org.rapport.server.people;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

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
import org.rapport.server.privacy.BlockService;
import org.rapport.server.privacy.PrivacyService;
import org.rapport.server.privacy.PrivacySettings;
import org.rapport.server.privacy.ProfileVisibility;
import org.rapport.server.system.ValidationException;
import org.rapport.server.system.PageRequest;
import org.rapport.server.system.Text;
import org.springframework.stereotype.Service;

/** Assembles what a viewer sees of a member. */
@Service
public class PeopleService {

    /** Mutual connections shown on a profile; also the chains drawn in "How you are connected" (issue 18). */
    private static final int MUTUAL_PREVIEW = 5;

    private final ProfileService profiles;
    private final MemberRepository members;
    private final NetworkService network;
    private final InvitationService invitations;
    private final ConnectionService connections;
    private final SharedBackground background;
    private final BlockService blocks;
    private final PrivacyService privacy;

    public PeopleService(ProfileService profiles, MemberRepository members, NetworkService network,
                         InvitationService invitations, ConnectionService connections, SharedBackground background,
                         BlockService blocks, PrivacyService privacy) {
        this.blocks = blocks;
        this.privacy = privacy;
        this.profiles = profiles;
        this.members = members;
        this.network = network;
        this.invitations = invitations;
        this.connections = connections;
        this.background = background;
    }

    /** Everything a profile page shows: the profile, degree, mutual preview, the chain between us and what we share. */
    public ProfileView view(long viewer, long memberId) {
        return view(viewer, memberId, true);
    }

    /**
     * What {@code GET /members/{id}} returns: the profile, degree, mutual count and invitation
     * state, without the page's extras (mutual preview, path, shared background), which cost
     * several queries and a traversal each.
     */
    public ProfileView apiView(long viewer, long memberId) {
        return view(viewer, memberId, false);
    }

    private ProfileView view(long viewer, long memberId, boolean page) {
        blocks.requireVisible(viewer, memberId);
        Profile profile = profiles.profile(memberId);
        Degree degree = network.degree(viewer, memberId);
        int mutual = network.mutualCount(viewer, memberId);
        List<MemberCard> preview = !page || mutual == 0 ? List.of()
                : connections.mutual(viewer, memberId, PageRequest.first(MUTUAL_PREVIEW)).items();
        InvitationRelation relation = degree == Degree.FIRST || degree == Degree.SELF
                ? InvitationRelation.NONE : invitations.relation(viewer, memberId);
        Member m = profile.member();
        List<MemberCard> path = List.of();
        boolean pathElided = false;
        if (page && degree != Degree.SELF && degree != Degree.FIRST) {
            NetworkService.Chain chain = network.path(viewer, memberId);
            List<Long> list = new ArrayList<>();
            for (long id : chain.shown()) {
                list.add(id);
            }
            Set<Long> hidden = blocks.hiddenFrom(viewer);
            path = list.stream().anyMatch(hidden::contains) ? List.of() : network.cardsFor(viewer, list);
            pathElided = chain.elided() && !path.isEmpty();
        }
        SharedBackground.Shared shared = !page || degree == Degree.SELF
                ? NOTHING_SHARED
                : background.between(viewer, memberId);
        boolean limited = degree == Degree.OUT_OF_NETWORK
                && privacy.settings(memberId).profileVisibility() == ProfileVisibility.NETWORK;
        return new ProfileView(limited ? limit(profile) : profile, degree, mutual, preview, relation,
                network.connectionCount(memberId), connections.canSeeAllConnections(viewer, m), path,
                limited ? NOTHING_SHARED : shared, limited, null, pathElided);
    }

    /**
     * My own profile as a member of degree {@code as} would see it (I5): what my settings show
     * them, without anything that depends on who they are (mutual connections, a path).
     */
    public ProfileView viewAs(long me, Degree as) {
        if (as == Degree.SELF) {
            throw new ValidationException("as", "Choose FIRST, SECOND, THIRD or OUT_OF_NETWORK.");
        }
        Profile profile = profiles.profile(me);
        PrivacySettings settings = privacy.settings(me);
        boolean limited = as == Degree.OUT_OF_NETWORK && settings.profileVisibility() == ProfileVisibility.NETWORK;
        boolean connectionsVisible = switch (settings.connectionsVisibility()) {
            case EVERYONE -> true;
            case CONNECTIONS -> as == Degree.FIRST;
            case ONLY_ME -> false;
        };
        return new ProfileView(limited ? limit(profile) : profile, as, 0, List.of(), InvitationRelation.NONE,
                network.connectionCount(me), connectionsVisible, List.of(), NOTHING_SHARED, limited, as, false);
    }

    private static final SharedBackground.Shared NOTHING_SHARED =
            new SharedBackground.Shared(List.of(), List.of(), List.of());

    /** What out-of-network viewers see when the member keeps the rest (the photo too) for their network. */
    private static Profile limit(Profile p) {
        Member m = p.member();
        Member shown = new Member(m.id(), m.email(), m.firstName(), m.lastName(), m.headline(), m.location(),
                m.industry(), "", m.externalId(), m.connectionsVisibility(), m.createdAt(), null, m.networkOnly());
        return new Profile(shown, List.of(), List.of(), List.of(), List.of(), java.util.Map.of());
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
        Set<Long> hidden = blocks.hiddenFrom(viewer);
        return network.cards(viewer, members.searchByName(q, viewer, limit + hidden.size()).stream()
                .filter(m -> !hidden.contains(m.id())).limit(limit).toList());
    }
}
