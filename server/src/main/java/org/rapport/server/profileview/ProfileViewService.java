package org.rapport.server.profileview;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.rapport.server.connection.Connection;
import org.rapport.server.connection.ConnectionFilter;
import org.rapport.server.connection.ConnectionService;
import org.rapport.server.connection.ConnectionSort;
import org.rapport.server.connection.ConnectionsHiddenException;
import org.rapport.server.member.MemberNotFoundException;
import org.rapport.server.member.MemberRepository;
import org.rapport.server.network.MemberCard;
import org.rapport.server.network.NetworkService;
import org.rapport.server.privacy.BlockService;
import org.rapport.server.privacy.PrivacyService;
import org.rapport.server.system.PageRequest;
import org.springframework.stereotype.Service;

/**
 * People Also Viewed (C7) and who viewed my profile (C8).
 *
 * <p>"Also viewed" for a profile P, as a viewer V sees it: first up to
 * {@value #NEW_CONNECTIONS} of P's connections made in the last {@value #NEW_CONNECTION_DAYS}
 * days (only if V may see P's connections), then the profiles most often viewed by P's
 * {@value #RECENT_VIEWERS} most recent viewers in the last {@value #WINDOW_DAYS} days, each viewer
 * counted once per profile. Neither P nor V is ever listed. Empty when P turned the module off.
 */
@Service
public class ProfileViewService {

    static final int WINDOW_DAYS = 90;
    static final int RECENT_VIEWERS = 500;
    static final int NEW_CONNECTIONS = 2;
    static final int NEW_CONNECTION_DAYS = 30;
    static final int WEEKS = 12;

    /** One entry of People Also Viewed and why it is there. */
    public record AlsoViewed(MemberCard card, Kind kind, String detail) {
        public enum Kind { NEW_CONNECTION, CO_VIEWED }
    }

    /** Who viewed my profile: distinct viewers in the window, views per week (oldest first), recent viewers. */
    public record Stats(long viewers, int windowDays, List<WeekCount> weeks,
                        List<MemberCard> recentViewers) {
        public int maxWeek() {
            return weeks.stream().mapToInt(WeekCount::views).max().orElse(0);
        }
    }

    private final ProfileViewRepository repository;
    private final ProfileViewRecorder recorder;
    private final ConnectionService connections;
    private final NetworkService network;
    private final MemberRepository members;
    private final PrivacyService privacy;
    private final BlockService blocks;
    private final Clock clock;

    private final int minViewers;

    public ProfileViewService(ProfileViewRepository repository, ProfileViewRecorder recorder,
                              ConnectionService connections, NetworkService network, MemberRepository members,
                              PrivacyService privacy, BlockService blocks, Clock clock,
                              org.rapport.server.privacy.PrivacyProperties limits) {
        this.minViewers = limits.alsoViewedMinViewers();
        this.privacy = privacy;
        this.blocks = blocks;
        this.repository = repository;
        this.recorder = recorder;
        this.connections = connections;
        this.network = network;
        this.members = members;
        this.clock = clock;
    }

    /** Notes a view of {@code viewed}'s profile by {@code viewer}; costs no I/O on the caller's thread. */
    public void recordView(long viewer, long viewed) {
        recorder.record(viewer, viewed);
    }

    /** People Also Viewed on {@code member}'s profile, as {@code viewer} sees it. */
    public List<AlsoViewed> alsoViewed(long viewer, long member, int limit) {
        var owner = members.findById(member).orElseThrow(MemberNotFoundException::new);
        blocks.requireVisible(viewer, member);
        if (!privacy.settings(member).showAlsoViewed()) {
            return List.of();
        }
        Instant now = clock.instant();
        List<AlsoViewed> out = new ArrayList<>();
        Set<Long> listed = new LinkedHashSet<>(List.of(member, viewer));
        listed.addAll(blocks.hiddenFrom(viewer));
        if (connections.canSeeAllConnections(viewer, owner)) {
            try {
                Instant recent = now.minus(Duration.ofDays(NEW_CONNECTION_DAYS));
                for (Connection c : connections.list(viewer, member, ConnectionSort.RECENT, ConnectionFilter.none(),
                        PageRequest.first(NEW_CONNECTIONS + 1)).items()) {
                    long id = c.member().member().id();
                    if (out.size() < Math.min(NEW_CONNECTIONS, limit) && c.connectedAt().isAfter(recent)
                            && listed.add(id)) {
                        out.add(new AlsoViewed(c.member(), AlsoViewed.Kind.NEW_CONNECTION,
                                "New connection of " + owner.firstName()));
                    }
                }
            } catch (ConnectionsHiddenException e) {
                // the setting changed meanwhile: show no connections
            }
        }
        List<ProfileViewRepository.CoView> coViews = repository.alsoViewed(member, viewer,
                now.minus(Duration.ofDays(WINDOW_DAYS)), RECENT_VIEWERS, minViewers, limit + NEW_CONNECTIONS);
        Map<Long, Integer> viewersOf = new HashMap<>();
        List<Long> ids = new ArrayList<>();
        for (ProfileViewRepository.CoView v : coViews) {
            if (!listed.contains(v.memberId())) {
                ids.add(v.memberId());
                viewersOf.put(v.memberId(), v.viewers());
            }
        }
        for (MemberCard card : network.cardsFor(viewer, ids)) {
            if (out.size() >= limit) {
                break;
            }
            int n = viewersOf.get(card.member().id());
            out.add(new AlsoViewed(card, AlsoViewed.Kind.CO_VIEWED,
                    n == 1 ? "Also viewed by a viewer of this profile" : "Also viewed by " + n + " viewers of this profile"));
        }
        return out;
    }

    /** Who viewed my profile in the last {@value #WINDOW_DAYS} days. */
    public Stats stats(long me, int recentLimit) {
        Instant now = clock.instant();
        Instant since = now.minus(Duration.ofDays(WINDOW_DAYS));
        List<WeekCount> counted = repository.weeklyCounts(me, now.minus(Duration.ofDays(7L * WEEKS)));
        // Fill the weeks without views, so a chart shows gaps as zeros.
        long day = 86_400_000L;
        long thisWeek = (Math.floorDiv(now.toEpochMilli(), day) + 3) / 7;
        Map<Long, Integer> byWeek = new HashMap<>();
        counted.forEach(w -> byWeek.put(w.weekStart(), w.views()));
        List<WeekCount> weeks = new ArrayList<>();
        for (long w = thisWeek - WEEKS + 1; w <= thisWeek; w++) {
            long start = (w * 7 - 3) * day;
            weeks.add(new WeekCount(start, byWeek.getOrDefault(start, 0)));
        }
        Set<Long> hidden = blocks.hiddenFrom(me);
        List<MemberCard> recent = network.cardsFor(me, repository.recentViewers(me, since, recentLimit + hidden.size())
                .stream().filter(id -> !hidden.contains(id)).limit(recentLimit).toList());
        return new Stats(repository.distinctViewers(me, since), WINDOW_DAYS, weeks, recent);
    }

}
