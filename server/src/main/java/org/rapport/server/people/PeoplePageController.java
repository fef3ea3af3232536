package org.rapport.server.people;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletResponse;

import org.rapport.server.account.MemberPrincipal;
import org.rapport.server.connection.ConnectionFilter;
import org.rapport.server.connection.ConnectionService;
import org.rapport.server.connection.ConnectionSort;
import org.rapport.server.invitation.InvitationRepository;
import org.rapport.server.invitation.InvitationService;
import org.rapport.server.member.Education;
import org.rapport.server.member.Position;
import org.rapport.server.member.Profile;
import org.rapport.server.member.ProfileChanges;
import org.rapport.server.member.ProfileService;
import org.rapport.server.network.MemberCard;
import org.rapport.server.network.NetworkService;
import org.rapport.server.connection.VipService;
import org.rapport.server.feed.PostService;
import org.rapport.server.follow.FollowService;
import org.rapport.server.privacy.Budgeted;
import org.rapport.server.privacy.PrivacyService;
import org.rapport.server.privacy.ReadBudget;
import org.rapport.server.suggestion.SuggestionService;
import org.rapport.server.profileview.ProfileViewService;
import org.rapport.server.system.PageRequest;
import org.rapport.server.system.ValidationException;
import org.rapport.server.web.PageController;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Home, profile and profile editing pages (people search lives in the search package). */
@PageController
class PeoplePageController {

    /** The handles the edit form offers, in order, with their labels. */
    static final Map<String, String> HANDLE_NETWORKS = new LinkedHashMap<>();

    static {
        HANDLE_NETWORKS.put("website", "Website");
        HANDLE_NETWORKS.put("github", "GitHub");
        HANDLE_NETWORKS.put("mastodon", "Mastodon");
        HANDLE_NETWORKS.put("x", "X (Twitter)");
        HANDLE_NETWORKS.put("facebook", "Facebook");
    }

    private final PeopleService people;
    private final ProfileService profiles;
    private final NetworkService network;
    private final InvitationService invitations;
    private final ConnectionService connections;
    private final SuggestionService suggestions;
    private final ProfileViewService views;
    private final PostService posts;
    private final FollowService follows;
    private final VipService vips;
    private final PrivacyService privacy;
    private final int connectionCap;
    private final org.rapport.server.messaging.MessagingService messaging;
    private final org.rapport.server.credibility.EndorsementService endorsements;
    private final org.rapport.server.credibility.RecommendationService recommendations;
    private final org.rapport.server.contacts.ContactService contacts;
    private final org.rapport.server.group.GroupService groups;

    PeoplePageController(PeopleService people, ProfileService profiles, NetworkService network,
                         InvitationService invitations, ConnectionService connections,
                         SuggestionService suggestions, ProfileViewService views, PostService posts,
                         FollowService follows, VipService vips, PrivacyService privacy,
                         org.rapport.server.system.RapportProperties properties,
                         org.rapport.server.messaging.MessagingService messaging,
                         org.rapport.server.credibility.EndorsementService endorsements,
                         org.rapport.server.credibility.RecommendationService recommendations,
                         org.rapport.server.contacts.ContactService contacts,
                         org.rapport.server.group.GroupService groups) {
        this.contacts = contacts;
        this.groups = groups;
        this.messaging = messaging;
        this.endorsements = endorsements;
        this.recommendations = recommendations;
        this.posts = posts;
        this.follows = follows;
        this.vips = vips;
        this.privacy = privacy;
        this.connectionCap = properties.connections().cap();
        this.suggestions = suggestions;
        this.views = views;
        this.people = people;
        this.profiles = profiles;
        this.network = network;
        this.invitations = invitations;
        this.connections = connections;
    }

    @GetMapping("/")
    String home(@AuthenticationPrincipal MemberPrincipal me, Model model) {
        if (me == null) {
            return "pages/landing";
        }
        long id = me.memberId();
        Profile profile = profiles.profile(id);
        model.addAttribute("profile", profile);
        model.addAttribute("firstSteps", new FirstSteps(!profile.positions().isEmpty(), !profile.education().isEmpty(),
                !contacts.imports(id).isEmpty(), !groups.search(id, null, true, PageRequest.first(1)).items().isEmpty(),
                network.connectionCount(id)));
        model.addAttribute("size", network.networkSize(id));
        model.addAttribute("received", invitations.received(id, InvitationRepository.ReceivedView.ACTIVE,
                PageRequest.first(3)));
        model.addAttribute("suggestions", suggestions.suggest(id, 3));
        model.addAttribute("viewers", views.stats(id, 0).viewers());
        model.addAttribute("feed", posts.feed(id, PageRequest.first(10)));
        return "pages/home";
    }

    /** Me: my profile, settings and account pages in one list (the phone tab bar's fifth tab). */
    @GetMapping("/me")
    String me() {
        return "pages/me";
    }

    @Budgeted(ReadBudget.PROFILE)
    @GetMapping("/members/{id}")
    String profile(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id,
                   @RequestParam(required = false) String as, Model model) {
        if (as != null && id == me.memberId()) {
            model.addAttribute("view", people.viewAs(id, parseDegree(as)));
            return "pages/profile";
        }
        model.addAttribute("view", people.view(me.memberId(), id));
        model.addAttribute("alsoViewed", views.alsoViewed(me.memberId(), id, 6));
        model.addAttribute("follow", follows.counts(id));
        model.addAttribute("following", follows.isFollowing(me.memberId(), id));
        var settings = privacy.settings(id);
        model.addAttribute("followPrimary", settings.followPrimary());
        model.addAttribute("followOnlyConnections", settings.followersFrom() == org.rapport.server.privacy.FollowersFrom.CONNECTIONS);
        model.addAttribute("atCap", network.connectionCount(id) >= connectionCap);
        model.addAttribute("vips", vips.showcase(me.memberId(), id));
        model.addAttribute("isVip", vips.isVip(me.memberId(), id));
        model.addAttribute("activity", posts.byAuthor(me.memberId(), id, PageRequest.first(3)));
        model.addAttribute("mayMessage", messaging.mayWrite(me.memberId(), id));
        model.addAttribute("endorsements", endorsements.view(me.memberId(), id));
        model.addAttribute("recommendations", recommendations.shown(me.memberId(), id, PageRequest.first(20)));
        views.recordView(me.memberId(), id);
        return "pages/profile";
    }

    @GetMapping("/profile/edit")
    String editForm(@AuthenticationPrincipal MemberPrincipal me, Model model) {
        Profile profile = profiles.profile(me.memberId());
        model.addAttribute("form", ProfileForm.of(profile));
        model.addAttribute("networks", HANDLE_NETWORKS);
        return "pages/profile-edit";
    }

    @PostMapping("/profile/edit")
    String edit(@AuthenticationPrincipal MemberPrincipal me,
                @RequestParam(defaultValue = "") String firstName, @RequestParam(defaultValue = "") String lastName,
                @RequestParam(defaultValue = "") String headline, @RequestParam(defaultValue = "") String location,
                @RequestParam(defaultValue = "") String industry, @RequestParam(defaultValue = "") String about,
                @RequestParam(required = false) List<String> positionCompany,
                @RequestParam(required = false) List<String> positionTitle,
                @RequestParam(required = false) List<String> positionFrom,
                @RequestParam(required = false) List<String> positionTo,
                @RequestParam(required = false) List<String> educationSchool,
                @RequestParam(required = false) List<String> educationDegree,
                @RequestParam(required = false) List<String> educationFrom,
                @RequestParam(required = false) List<String> educationTo,
                @RequestParam(defaultValue = "") String skills, @RequestParam(defaultValue = "") String interests,
                @RequestParam Map<String, String> all,
                @RequestParam(required = false) String add,
                HttpServletResponse response, Model model, RedirectAttributes redirect) {
        ValidationException.Errors yearErrors = new ValidationException.Errors();
        List<Position> positions = new ArrayList<>();
        for (int i = 0; i < size(positionCompany); i++) {
            String company = at(positionCompany, i);
            String title = at(positionTitle, i);
            String from = at(positionFrom, i);
            String to = at(positionTo, i);
            if (company.isBlank() && title.isBlank() && from.isBlank() && to.isBlank()) {
                continue;
            }
            int index = positions.size();
            positions.add(new Position(company, title, year(from, "positions[" + index + "].from", yearErrors),
                    year(to, "positions[" + index + "].to", yearErrors)));
        }
        List<Education> education = new ArrayList<>();
        for (int i = 0; i < size(educationSchool); i++) {
            String school = at(educationSchool, i);
            String degree = at(educationDegree, i);
            String from = at(educationFrom, i);
            String to = at(educationTo, i);
            if (school.isBlank() && degree.isBlank() && from.isBlank() && to.isBlank()) {
                continue;
            }
            int index = education.size();
            education.add(new Education(school, degree, year(from, "education[" + index + "].from", yearErrors),
                    year(to, "education[" + index + "].to", yearErrors)));
        }
        Map<String, String> handles = new LinkedHashMap<>();
        for (String network : HANDLE_NETWORKS.keySet()) {
            String value = all.getOrDefault("handle_" + network, "").strip();
            if (!value.isEmpty()) {
                handles.put(network, value);
            }
        }
        ProfileChanges changes = new ProfileChanges(firstName, lastName, headline, location, industry, about,
                positions, education, splitList(skills), splitList(interests), handles);
        ProfileForm form = new ProfileForm(firstName, lastName, headline, location, industry, about, positions,
                education, skills, interests, handles);
        if (add != null) {
            model.addAttribute("form", form.withBlankRow(add));
            model.addAttribute("networks", HANDLE_NETWORKS);
            return "pages/profile-edit";
        }
        try {
            yearErrors.throwIfAny();
            profiles.update(me.memberId(), changes);
        } catch (ValidationException e) {
            response.setStatus(400);
            model.addAttribute("form", form);
            model.addAttribute("errors", e);
            model.addAttribute("networks", HANDLE_NETWORKS);
            return "pages/profile-edit";
        }
        redirect.addFlashAttribute("flash", "Your profile is saved.");
        return "redirect:/members/" + me.memberId();
    }

    private static int size(List<String> list) {
        return list == null ? 0 : list.size();
    }

    private static String at(List<String> list, int i) {
        return list == null || i >= list.size() || list.get(i) == null ? "" : list.get(i);
    }

    private static Integer year(String value, String field, ValidationException.Errors errors) {
        String v = value.strip();
        if (v.isEmpty()) {
            return null;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            errors.add(field, "Write the year as four digits, like 2019.");
            return null;
        }
    }

    /** Items separated by commas or line breaks. */
    static List<String> splitList(String text) {
        List<String> out = new ArrayList<>();
        for (String part : text.split("[,\\n]")) {
            if (!part.isBlank()) {
                out.add(part.strip());
            }
        }
        return out;
    }

    static org.rapport.server.network.Degree parseDegree(String as) {
        try {
            return org.rapport.server.network.Degree.valueOf(as.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ValidationException("as", "Choose FIRST, SECOND, THIRD or OUT_OF_NETWORK.");
        }
    }
}
