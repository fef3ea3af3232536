package org.rapport.server.people;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.rapport.server.account.MemberPrincipal;
import org.rapport.server.invitation.InvitationRelation;
import org.rapport.server.invitation.InvitationService;
import org.rapport.server.member.Education;
import org.rapport.server.member.Member;
import org.rapport.server.member.Position;
import org.rapport.server.member.Profile;
import org.rapport.server.member.ProfileChanges;
import org.rapport.server.member.ProfileService;
import org.rapport.server.network.Degree;
import org.rapport.server.network.MemberCardJson;
import org.rapport.server.network.NetworkService;
import org.rapport.server.follow.FollowService;
import org.rapport.server.privacy.Budgeted;
import org.rapport.server.privacy.PrivacyService;
import org.rapport.server.privacy.PrivacySettings;
import org.rapport.server.privacy.ReadBudget;
import org.rapport.server.profileview.ProfileViewService;
import org.rapport.server.system.Page;
import org.rapport.server.system.PageRequest;
import org.rapport.server.system.ValidationException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** My profile and other members' profiles over the API (I3, C1, C2). */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Members", description = "Profiles, degree badges and mutual counts (I3, C1, C2)")
class PeopleApiController {

    record MemberJson(
            String id, String name, String firstName, String lastName, String headline, String location,
            String industry, String about, List<Position> positions, List<Education> education,
            List<String> skills, List<String> interests, Map<String, String> handles, Instant memberSince,
            Degree degree, int mutualConnectionCount, InvitationRelation.Kind invitation, String invitationId,
            Long connectionCount, boolean limitedProfile, boolean following, long followerCount, String photoUrl) {
    }


    record MeJson(
            String id, String email, String name, String firstName, String lastName, String headline,
            String location, String industry, String about, List<Position> positions, List<Education> education,
            List<String> skills, List<String> interests, Map<String, String> handles, Instant memberSince,
            long connectionCount, long pendingInvitations, PrivacySettings settings, boolean emailVerified,
            String photoUrl) {
    }


    private final PeopleService people;
    private final ProfileService profiles;
    private final NetworkService network;
    private final InvitationService invitations;
    private final ProfileViewService views;
    private final PrivacyService privacy;
    private final FollowService follows;
    private final org.rapport.server.account.EmailVerifications verifications;

    PeopleApiController(PeopleService people, ProfileService profiles,
                        NetworkService network, InvitationService invitations, ProfileViewService views,
                        PrivacyService privacy, FollowService follows,
                        org.rapport.server.account.EmailVerifications verifications) {
        this.verifications = verifications;
        this.follows = follows;
        this.views = views;
        this.privacy = privacy;
        this.people = people;
        this.profiles = profiles;
        this.network = network;
        this.invitations = invitations;
    }

    @GetMapping("/me")
    @Operation(summary = "My member, profile and settings")
    MeJson me(@AuthenticationPrincipal MemberPrincipal me) {
        return meJson(profiles.profile(me.memberId()));
    }

    @PatchMapping("/me/profile")
    @Operation(summary = "Change my profile; fields left out stay as they are, lists given replace the old ones")
    MeJson updateProfile(@AuthenticationPrincipal MemberPrincipal me, @RequestBody ProfileChanges changes) {
        return meJson(profiles.update(me.memberId(), changes));
    }

    @Budgeted(ReadBudget.PROFILE)
    @GetMapping("/members/{id}")
    @Operation(summary = "A member's profile as I may see it, with degree, mutual count and invitation state")
    MemberJson member(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id) {
        ProfileView view = people.apiView(me.memberId(), id);
        views.recordView(me.memberId(), id);
        return memberJson(view, me.memberId());
    }

    /** {@code viewer}: who asked; for "view as" the hypothetical viewer, who follows nobody. */
    private MemberJson memberJson(ProfileView view, Long viewer) {
        Profile p = view.profile();
        Member m = p.member();
        return new MemberJson(Long.toString(m.id()), m.name(), m.firstName(), m.lastName(), m.headline(),
                m.location(), m.industry(), m.about(), p.positions(), p.education(), p.skills(), p.interests(),
                p.handles(), m.createdAt(), view.degree(), view.mutualConnectionCount(), view.invitation().kind(),
                view.invitation().invitationId() == null ? null : view.invitation().invitationId().toString(),
                view.connectionsVisible() ? view.connectionCount() : null, view.limited(),
                viewer != null && follows.isFollowing(viewer, m.id()), follows.counts(m.id()).followers(),
                MemberCardJson.apiPhotoUrl(m.id(), m.photo()));
    }

    @GetMapping("/me/view-as")
    @Operation(summary = "My profile as a member of the given degree sees it (I5)",
            description = "degree FIRST, SECOND, THIRD or OUT_OF_NETWORK; what my privacy settings show them.")
    MemberJson viewAs(@AuthenticationPrincipal MemberPrincipal me, @RequestParam String degree) {
        return memberJson(people.viewAs(me.memberId(), PeoplePageController.parseDegree(degree)), null);
    }

    @GetMapping("/members")
    @Operation(summary = "Find members by name or headline (q), with degree and mutual counts")
    Page<MemberCardJson> find(@AuthenticationPrincipal MemberPrincipal me, @RequestParam(required = false) String q,
                              @RequestParam(required = false) Integer limit) {
        PageRequest page = PageRequest.of(limit, null);
        List<MemberCardJson> items = people.find(me.memberId(), q, page.limit()).stream()
                .map(MemberCardJson::of).toList();
        return new Page<>(items, null, null);
    }

    private MeJson meJson(Profile p) {
        Member m = p.member();
        return new MeJson(Long.toString(m.id()), m.email(), m.name(), m.firstName(), m.lastName(), m.headline(),
                m.location(), m.industry(), m.about(), p.positions(), p.education(), p.skills(), p.interests(),
                p.handles(), m.createdAt(), network.connectionCount(m.id()), invitations.receivedCount(m.id()),
                privacy.settings(m.id()), verifications.isVerified(m.id()), MemberCardJson.apiPhotoUrl(m.id(), m.photo()));
    }
}
