package org.rapport.server.demo;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.rapport.server.member.Member;
import org.rapport.server.member.MemberRepository;
import org.rapport.server.member.Profile;
import org.rapport.server.network.GraphIndex;
import org.rapport.server.notification.NotificationKind;
import org.rapport.server.notification.NotificationRepository;
import org.rapport.server.invitation.InvitationRepository;
import org.rapport.server.search.PeopleIndex;
import org.rapport.server.system.RapportProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.rapport.server.photo.PhotoService;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * With {@code rapport.demo.enabled=true} ({@code ./rapport serve --demo}) and an empty database,
 * loads a generated network in one transaction and prints how to sign in. A database that already
 * has members is left alone.
 */
@Component
@ConditionalOnBooleanProperty("rapport.demo.enabled")
class DemoNetworkLoader implements ApplicationRunner {

    static final String PASSWORD = "rapport-demo";
    private static final Logger log = LoggerFactory.getLogger(DemoNetworkLoader.class);

    private final MemberRepository members;
    private final InvitationRepository invitations;
    private final NotificationRepository notifications;
    private final GraphIndex index;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final PasswordEncoder passwords;
    private final Clock clock;
    private final RapportProperties properties;
    private final Environment env;
    private final PeopleIndex search;
    private final PhotoService photos;

    DemoNetworkLoader(MemberRepository members, InvitationRepository invitations, NotificationRepository notifications,
                      GraphIndex index, JdbcTemplate jdbc, TransactionTemplate tx, PasswordEncoder passwords,
                      Clock clock, RapportProperties properties, Environment env,
                      PeopleIndex search, PhotoService photos) {
        this.search = search;
        this.photos = photos;
        this.members = members;
        this.invitations = invitations;
        this.notifications = notifications;
        this.index = index;
        this.jdbc = jdbc;
        this.tx = tx;
        this.passwords = passwords;
        this.clock = clock;
        this.properties = properties;
        this.env = env;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (members.count() > 0) {
            log.info("Demo network not generated: the database already has members.");
            printSignIn(false);
            return;
        }
        long start = System.nanoTime();
        Instant now = clock.instant();
        DemoNetworkGenerator.Network network = new DemoNetworkGenerator(properties.demo().seed(), now)
                .generate(properties.demo().members());
        String hash = passwords.encode(PASSWORD);
        // One RELOAD entry in the log instead of one per connection; this node reloads after the
        // commit, the others when they reach the entry.
        tx.executeWithoutResult(status -> {
            load(network, hash, now);
            index.reloadAfterCommit();
        });
        search.rebuildIfStale();
        int withPhotos = loadPhotos(network);
        log.info("Demo network: {} generated photos", withPhotos);
        log.info("Demo network generated: {} members, {} connections, {} invitations, {} profile views, {} updates in {} ms",
                network.people().size(), network.connections().size(), network.invitations().size(),
                network.views().size(), network.updates().size(),
                (System.nanoTime() - start) / 1_000_000);
        printSignIn(true);
    }

    private void load(DemoNetworkGenerator.Network network, String hash, Instant now) {
        long[] ids = new long[network.people().size()];
        for (DemoNetworkGenerator.Person p : network.people()) {
            long id = members.insert(p.email(), hash, "demo" + p.index(), p.firstName(), p.lastName(), null,
                    p.joinedAt());
            ids[p.index()] = id;
            Member m = new Member(id, p.email(), p.firstName(), p.lastName(), p.headline(), p.location(),
                    p.industry(), "", null, org.rapport.server.member.ConnectionsVisibility.CONNECTIONS,
                    p.joinedAt());
            members.replaceProfile(new Profile(m, p.positions(), p.education(), p.skills(), p.interests(),
                    java.util.Map.of()), p.joinedAt());
        }
        List<Object[]> rows = new ArrayList<>(network.connections().size());
        for (DemoNetworkGenerator.Link l : network.connections()) {
            long a = ids[l.from()];
            long b = ids[l.to()];
            rows.add(new Object[] {Math.min(a, b), Math.max(a, b), l.at().toEpochMilli()});
        }
        jdbc.batchUpdate("""
                INSERT INTO connections (member_lo, member_hi, created_at, origin) VALUES (?, ?, ?, 'IMPORT')
                ON CONFLICT DO NOTHING""", rows);
        for (DemoNetworkGenerator.Link l : network.invitations()) {
            long sender = ids[l.from()];
            long recipient = ids[l.to()];
            long id = invitations.insert(sender, recipient, l.note(), l.at(),
                    l.at().atZone(ZoneOffset.UTC).plus(properties.invitations().expiry()).toInstant());
            notifications.insert(recipient, NotificationKind.INVITATION_RECEIVED, sender, id, l.at());
        }
        List<Object[]> views = new ArrayList<>(network.views().size());
        for (DemoNetworkGenerator.Link v : network.views()) {
            long at = v.at().toEpochMilli();
            views.add(new Object[] {ids[v.from()], ids[v.to()], Math.floorDiv(at, 86_400_000L), at});
        }
        jdbc.batchUpdate("""
                INSERT INTO profile_views (viewer_id, viewed_id, day, viewed_at) VALUES (?, ?, ?, ?)
                ON CONFLICT DO NOTHING""", views);
        loadUpdates(network, ids);
    }

    /**
     * Photos for two members in three, at most {@value #MAX_PHOTOS} (issue 18), drawn from the demo
     * seed; the first member (demo@rapport.test) keeps initials, so there is a photo to add.
     */
    private int loadPhotos(DemoNetworkGenerator.Network network) {
        // The signed-in member's connections and invitations first, so the first pages show photos.
        java.util.LinkedHashSet<Integer> order = new java.util.LinkedHashSet<>();
        for (var links : List.of(network.connections(), network.invitations())) {
            for (DemoNetworkGenerator.Link l : links) {
                if (l.from() == 0 || l.to() == 0) {
                    order.add(l.from() == 0 ? l.to() : l.from());
                }
            }
        }
        for (DemoNetworkGenerator.Person p : network.people()) {
            order.add(p.index());
        }
        int stored = 0;
        for (int index : order) {
            if (stored >= MAX_PHOTOS) {
                break;
            }
            if (index == 0 || index % 3 == 2) {
                continue;
            }
            var member = members.findIdByEmail(network.people().get(index).email());
            if (member.isPresent()) {
                photos.upload(member.get(), DemoPhotos.portrait(properties.demo().seed() * 31 + index));
                stored++;
            }
        }
        return stored;
    }

    private static final int MAX_PHOTOS = 300;

    /** Updates shared with anyone, delivered into the feeds of the author's connections (who follow them). */
    private void loadUpdates(DemoNetworkGenerator.Network network, long[] ids) {
        java.util.Map<Integer, List<Integer>> neighbours = new java.util.HashMap<>();
        for (DemoNetworkGenerator.Link l : network.connections()) {
            neighbours.computeIfAbsent(l.from(), k -> new ArrayList<>()).add(l.to());
            neighbours.computeIfAbsent(l.to(), k -> new ArrayList<>()).add(l.from());
        }
        List<Object[]> items = new ArrayList<>();
        for (DemoNetworkGenerator.Link u : network.updates()) {
            List<Integer> audience = neighbours.getOrDefault(u.from(), List.of());
            long at = u.at().toEpochMilli();
            long id = jdbc.queryForObject("""
                    INSERT INTO posts (author_id, body, visibility, fanned_out, reach, created_at)
                    VALUES (?, ?, 'ANYONE', TRUE, ?, ?) RETURNING id""", Long.class,
                    ids[u.from()], u.note(), audience.size(), at);
            items.add(new Object[] {ids[u.from()], id, ids[u.from()], at});
            for (int m : audience) {
                items.add(new Object[] {ids[m], id, ids[u.from()], at});
            }
        }
        jdbc.batchUpdate("INSERT INTO feed_items (member_id, post_id, author_id, created_at) VALUES (?, ?, ?, ?)", items);
    }

    private void printSignIn(boolean fresh) {
        String port = env.getProperty("local.server.port", env.getProperty("server.port", "8080"));
        String banner = """

                ──────────────────────────────────────────────────────────────
                  Rapport is running%s
                  Open      http://localhost:%s/
                  Sign in   demo@rapport.test  /  %s
                ──────────────────────────────────────────────────────────────
                """.formatted(fresh ? " with a demo network" : "", port, PASSWORD);
        System.out.println(banner);
    }
}
