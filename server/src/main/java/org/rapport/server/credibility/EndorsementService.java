package org.rapport.server.credibility;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.rapport.server.connection.ConnectionService;
import org.rapport.server.member.Member;
import org.rapport.server.member.MemberNotFoundException;
import org.rapport.server.member.MemberRepository;
import org.rapport.server.member.MemberSummary;
import org.rapport.server.member.Profile;
import org.rapport.server.member.ProfileService;
import org.rapport.server.network.Degree;
import org.rapport.server.network.NetworkService;
import org.rapport.server.notification.NotificationKind;
import org.rapport.server.notification.NotificationService;
import org.rapport.server.privacy.BlockService;
import org.rapport.server.privacy.PrivacyService;
import org.rapport.server.privacy.ProfileVisibility;
import org.rapport.server.system.ForbiddenException;
import org.rapport.server.system.NotFoundException;
import org.rapport.server.system.PairLock;
import org.rapport.server.system.Text;
import org.rapport.server.system.ValidationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Skill endorsements (H1). Only a 1st-degree connection may endorse, only a skill the member
 * lists, and only while the member accepts endorsements. The member may hide any one endorsement
 * (kept, shown to nobody else) and turn endorsements off (kept, shown to nobody else until turned
 * back on). Endorsements between two members are deleted in the transaction that removes their
 * connection or blocks ({@link CredibilityCleanup}).
 *
 * <p>Who sees what: nobody across a block (404); a viewer who may not see the member's profile
 * lists (out of network when the member keeps them to their network) sees no skills; the counts
 * are for everyone who sees the skills, but the endorsers' names follow the member's
 * connections-visibility setting (they are the member's connections): all of them for whom the
 * list is visible, otherwise only those the viewer is connected to.
 */
@Service
public class EndorsementService {

    /** At most this many endorsers are named per skill. */
    public static final int ENDORSERS_SHOWN = 50;

    private final EndorsementRepository endorsements;
    private final ProfileService profiles;
    private final MemberRepository members;
    private final NetworkService network;
    private final BlockService blocks;
    private final PrivacyService privacy;
    private final ConnectionService connections;
    private final NotificationService notifications;
    private final TransactionTemplate tx;
    private final PairLock pairs;
    private final Clock clock;

    EndorsementService(EndorsementRepository endorsements, ProfileService profiles, MemberRepository members,
                       NetworkService network, BlockService blocks, PrivacyService privacy,
                       ConnectionService connections, NotificationService notifications, TransactionTemplate tx,
                       PairLock pairs, Clock clock) {
        this.endorsements = endorsements;
        this.profiles = profiles;
        this.members = members;
        this.network = network;
        this.blocks = blocks;
        this.privacy = privacy;
        this.connections = connections;
        this.notifications = notifications;
        this.tx = tx;
        this.pairs = pairs;
        this.clock = clock;
    }

    /** The member's skills and endorsements as {@code viewer} may see them. */
    public Endorsements view(long viewer, long memberId) {
        Member owner = members.findById(memberId).orElseThrow(MemberNotFoundException::new);
        blocks.requireVisible(viewer, memberId);
        boolean self = viewer == memberId;
        boolean accepting = !endorsements.optedOut(memberId);
        Degree degree = network.degree(viewer, memberId);
        boolean mayEndorse = accepting && degree == Degree.FIRST;
        if (!self && (!accepting || limited(degree, memberId))) {
            return new Endorsements(memberId, accepting, false, List.of());
        }
        Profile profile = profiles.profile(memberId);
        Map<String, List<EndorsementRepository.Row>> byKey = new HashMap<>();
        for (EndorsementRepository.Row row : endorsements.forMember(memberId)) {
            if (self || !row.hidden()) {
                byKey.computeIfAbsent(row.skillKey(), k -> new ArrayList<>()).add(row);
            }
        }
        boolean allNames = self || connections.canSeeAllConnections(viewer, owner);
        Set<Long> hidden = blocks.hiddenFrom(viewer);
        // Whom to name, per skill, before looking their summaries up in one query.
        Map<String, List<EndorsementRepository.Row>> named = new LinkedHashMap<>();
        Set<Long> ids = new HashSet<>();
        for (String skill : profile.skills()) {
            List<EndorsementRepository.Row> shown = new ArrayList<>();
            for (EndorsementRepository.Row row : byKey.getOrDefault(Text.key(skill), List.of())) {
                long e = row.endorserId();
                // A connection of mine is named only where their connection to the member is visible to me
                // (issue 15): an endorsement exists only between connections, so naming it would show one.
                boolean nameable = allNames || e == viewer
                        || (network.areConnected(viewer, e) && network.connectionVisible(viewer, e, memberId));
                if (nameable && !hidden.contains(e) && shown.size() < ENDORSERS_SHOWN) {
                    shown.add(row);
                    ids.add(e);
                }
            }
            named.put(skill, shown);
        }
        Map<Long, MemberSummary> summaries = members.findSummaries(ids);
        List<Endorsements.Skill> skills = new ArrayList<>();
        for (String skill : profile.skills()) {
            List<EndorsementRepository.Row> all = byKey.getOrDefault(Text.key(skill), List.of());
            List<Endorsements.Endorser> endorsers = new ArrayList<>();
            for (EndorsementRepository.Row row : named.get(skill)) {
                MemberSummary s = summaries.get(row.endorserId());
                if (s != null) {
                    endorsers.add(new Endorsements.Endorser(network.card(viewer, s), row.hidden()));
                }
            }
            boolean mine = all.stream().anyMatch(r -> r.endorserId() == viewer);
            skills.add(new Endorsements.Skill(skill, all.size(), mine, endorsers, endorsers.size() == all.size()));
        }
        return new Endorsements(memberId, accepting, mayEndorse, skills);
    }

    /** Endorses one of a connection's skills; endorsing twice is harmless. */
    public void endorse(long me, long memberId, String rawSkill) {
        String skill = skillOf(me, memberId, rawSkill);
        tx.executeWithoutResult(status -> {
            pairs.lock(me, memberId);
            requireConnected(me, memberId);
            if (endorsements.optedOut(memberId)) {
                throw new ForbiddenException("endorsements-off",
                        members.findById(memberId).map(Member::firstName).orElse("This member")
                                + " does not accept endorsements.");
            }
            if (endorsements.insert(memberId, Text.key(skill), me, clock.instant())) {
                notifications.notify(memberId, NotificationKind.SKILL_ENDORSED, me, null);
            }
        });
    }

    /** Takes back my endorsement of a skill; harmless when there was none. */
    public void withdraw(long me, long memberId, String rawSkill) {
        if (me == memberId) {
            throw new ValidationException("memberId", "You cannot endorse yourself.");
        }
        members.findById(memberId).orElseThrow(MemberNotFoundException::new);
        blocks.requireVisible(me, memberId);
        String key = Text.key(requiredSkill(rawSkill));
        tx.executeWithoutResult(status -> endorsements.delete(memberId, key, me));
    }

    /** Hides (or shows again) one endorsement of my skill; 404 when there is no such endorsement. */
    public void setHidden(long me, long endorserId, String rawSkill, boolean hidden) {
        String key = Text.key(requiredSkill(rawSkill));
        boolean changed = Boolean.TRUE.equals(tx.execute(status -> endorsements.setHidden(me, key, endorserId, hidden)));
        if (!changed) {
            throw new NotFoundException("There is no such endorsement of your skills.");
        }
    }

    /** Whether I accept endorsements. */
    public boolean accepting(long me) {
        return !endorsements.optedOut(me);
    }

    public void setAccepting(long me, boolean accepting) {
        tx.executeWithoutResult(status -> endorsements.setOptedOut(me, !accepting, clock.instant()));
    }

    /** Called by {@link CredibilityCleanup} inside the transaction that disconnects or blocks. */
    void deletePair(long a, long b) {
        endorsements.deletePair(a, b);
    }

    private String skillOf(long me, long memberId, String rawSkill) {
        if (me == memberId) {
            throw new ValidationException("memberId", "You cannot endorse yourself.");
        }
        String wanted = Text.key(requiredSkill(rawSkill));
        members.findById(memberId).orElseThrow(MemberNotFoundException::new);
        blocks.requireVisible(me, memberId);
        for (String skill : profiles.profile(memberId).skills()) {
            if (Text.key(skill).equals(wanted)) {
                return skill;
            }
        }
        throw new ValidationException("skill", "That is not one of the skills on their profile.");
    }

    private static String requiredSkill(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new ValidationException("skill", "Name the skill.");
        }
        if (raw.length() > 200 || Text.hasControlCharacters(raw, false)) {
            throw new ValidationException("skill", "That is not one of the skills on their profile.");
        }
        return raw;
    }

    private void requireConnected(long me, long memberId) {
        if (!network.areConnected(me, memberId)) {
            throw new ForbiddenException("not-connected", "You can endorse only your 1st-degree connections.");
        }
    }

    /** Whether the member keeps their profile's lists from this viewer (out of network, NETWORK visibility). */
    boolean limited(Degree degree, long memberId) {
        return degree == Degree.OUT_OF_NETWORK
                && privacy.settings(memberId).profileVisibility() == ProfileVisibility.NETWORK;
    }
}
