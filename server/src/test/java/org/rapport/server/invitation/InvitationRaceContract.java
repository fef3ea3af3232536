package org.rapport.server.invitation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rapport.server.connection.ConnectionService;
import org.rapport.server.connection.NotConnectedException;
import org.rapport.server.member.Member;
import org.rapport.server.network.NetworkService;
import org.rapport.server.system.RapportException;
import org.rapport.server.support.IntegrationContract;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Races on the same pairs: crossing invitations at the same instant, two accepts, accept against
 * withdraw, and a random mixed workload. Each race must end in exactly one consistent outcome,
 * with no error other than the conflicts the rules name, and the graph index equal to the
 * database ({@link IntegrationContract#assertInvariants()} runs after each test).
 */
abstract class InvitationRaceContract extends IntegrationContract {

    private static final int PAIRS = 12;

    @Autowired
    NetworkService network;
    @Autowired
    ConnectionService connections;

    private ExecutorService pool;

    @BeforeEach
    void startPool() {
        pool = Executors.newFixedThreadPool(8);
    }

    @AfterEach
    void stopPool() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void crossingInvitationsAtTheSameInstantMakeExactlyOneConnection() throws Exception {
        int aFirst = 0;
        int bFirst = 0;
        for (int i = 0; i < PAIRS; i++) {
            Member a = members.create("Cross" + i, "A");
            Member b = members.create("Cross" + i, "B");
            List<Object> outcomes = race(i,
                    () -> invitations.invite(a.id(), b.id(), "from a"),
                    () -> invitations.invite(b.id(), a.id(), "from b"));
            assertThat(network.areConnected(a.id(), b.id())).as("pair %d connected", i).isTrue();
            assertThat(outcomes).allSatisfy(o -> assertThat(o).isInstanceOf(InviteResult.class));
            long connectedResults = outcomes.stream().filter(o -> ((InviteResult) o).connected()).count();
            assertThat(connectedResults).as("one invitation created, the other accepted it").isEqualTo(1);
            assertThat(invitationCount(a, b)).isEqualTo(1);
            if (((InviteResult) outcomes.get(1)).connected()) {
                aFirst++;
            } else {
                bFirst++;
            }
        }
        assertThat(aFirst).as("races A's invitation won").isPositive();
        assertThat(bFirst).as("races B's invitation won").isPositive();
    }

    @Test
    void twoAcceptsOfOneInvitationMakeOneConnection() throws Exception {
        for (int i = 0; i < PAIRS; i++) {
            Member a = members.create("Double" + i, "A");
            Member b = members.create("Double" + i, "B");
            long id = invitations.invite(a.id(), b.id(), null).invitation().id();
            List<Object> outcomes = race(i, () -> invitations.accept(b.id(), id), () -> invitations.accept(b.id(), id));
            assertThat(outcomes).allSatisfy(o -> assertThat(((Invitation) o).status()).isEqualTo(InvitationStatus.ACCEPTED));
            assertThat(network.areConnected(a.id(), b.id())).isTrue();
            assertThat(jdbc.sql("SELECT count(*) FROM notifications WHERE member_id = :m AND kind = 'INVITATION_ACCEPTED'")
                    .param("m", a.id()).query(Long.class).single()).as("one acceptance notified").isEqualTo(1);
        }
    }

    @Test
    void acceptRacingWithdrawHasOneWinner() throws Exception {
        int accepted = 0;
        int withdrawn = 0;
        for (int i = 0; i < PAIRS; i++) {
            Member a = members.create("AvW" + i, "A");
            Member b = members.create("AvW" + i, "B");
            long id = invitations.invite(a.id(), b.id(), null).invitation().id();
            List<Object> outcomes = race(i, () -> invitations.accept(b.id(), id), () -> invitations.withdraw(a.id(), id));
            InvitationStatus status = invitations.get(a.id(), id).status();
            boolean connected = network.areConnected(a.id(), b.id());
            if (status == InvitationStatus.ACCEPTED) {
                accepted++;
                assertThat(connected).isTrue();
                assertThat(outcomes.get(0)).isInstanceOf(Invitation.class);
                assertThat(outcomes.get(1)).isInstanceOf(InvitationClosedException.class);
            } else {
                withdrawn++;
                assertThat(status).isEqualTo(InvitationStatus.WITHDRAWN);
                assertThat(connected).isFalse();
                assertThat(outcomes.get(0)).isInstanceOfAny(InvitationNotFoundException.class,
                        InvitationClosedException.class);
                assertThat(outcomes.get(1)).isInstanceOf(Invitation.class);
            }
        }
        assertThat(accepted + withdrawn).isEqualTo(PAIRS);
        assertThat(accepted).as("races the accept won").isPositive();
        assertThat(withdrawn).as("races the withdrawal won").isPositive();
    }

    @Test
    void randomConcurrentWorkloadKeepsIndexEqualToDatabase() throws Exception {
        List<Member> group = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            group.add(members.create("Mixed" + i));
        }
        AtomicInteger unexpected = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            long seed = 1000 + t;
            futures.add(pool.submit(() -> {
                Random random = new Random(seed);
                for (int op = 0; op < 60; op++) {
                    Member a = group.get(random.nextInt(group.size()));
                    Member b = group.get(random.nextInt(group.size()));
                    try {
                        switch (random.nextInt(5)) {
                            case 0, 1 -> invitations.invite(a.id(), b.id(), null);
                            case 2 -> invitations.received(b.id(), InvitationRepository.ReceivedView.ACTIVE,
                                            org.rapport.server.system.PageRequest.first(5)).items()
                                    .forEach(r -> invitations.accept(b.id(), r.invitation().id()));
                            case 3 -> invitations.sent(a.id(), org.rapport.server.system.PageRequest.first(5)).items()
                                    .forEach(s -> invitations.withdraw(a.id(), s.invitation().id()));
                            default -> connections.remove(a.id(), b.id());
                        }
                    } catch (RapportException expected) {
                        // conflicts, not-found and cooldowns are the rules at work
                    } catch (RuntimeException e) {
                        unexpected.incrementAndGet();
                        e.printStackTrace();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get(120, TimeUnit.SECONDS);
        }
        assertThat(unexpected.get()).as("errors other than the rules' conflicts").isZero();
        assertInvariants();
    }

    @Test
    void removingAConnectionTwiceAtOnceRemovesItOnce() throws Exception {
        int aRemoved = 0;
        int bRemoved = 0;
        for (int i = 0; i < PAIRS; i++) {
            Member a = members.create("Remove" + i, "A");
            Member b = members.create("Remove" + i, "B");
            connect(a, b);
            List<Object> outcomes = race(i, () -> {
                connections.remove(a.id(), b.id());
                return "removed";
            }, () -> {
                connections.remove(b.id(), a.id());
                return "removed";
            });
            assertThat(outcomes).containsOnlyOnce("removed");
            assertThat(outcomes).anySatisfy(o -> assertThat(o).isInstanceOf(NotConnectedException.class));
            assertThat(network.areConnected(a.id(), b.id())).isFalse();
            if ("removed".equals(outcomes.get(0))) {
                aRemoved++;
            } else {
                bRemoved++;
            }
        }
        assertThat(aRemoved).as("races A's removal won").isPositive();
        assertThat(bRemoved).as("races B's removal won").isPositive();
    }

    private long invitationCount(Member a, Member b) {
        return jdbc.sql("SELECT count(*) FROM invitations WHERE member_lo = :lo AND member_hi = :hi")
                .param("lo", Math.min(a.id(), b.id())).param("hi", Math.max(a.id(), b.id()))
                .query(Long.class).single();
    }

    /**
     * Runs both from one barrier; each outcome is the value returned or the exception thrown. Round
     * {@code round} of four starts them at the same instant (rounds 0 and 2), or gives the first
     * (round 1) or the second (round 3) a head start of a few milliseconds, so that over the rounds
     * each side wins at least once and the tests can assert that both outcomes of a race happened,
     * while half the rounds remain true races.
     */
    private List<Object> race(int round, Callable<?> first, Callable<?> second) throws Exception {
        long headStart = TimeUnit.MILLISECONDS.toNanos(25);
        long firstDelay = round % 4 == 3 ? headStart : 0;
        long secondDelay = round % 4 == 1 ? headStart : 0;
        CyclicBarrier start = new CyclicBarrier(2);
        Future<Object> f1 = pool.submit(() -> attempt(start, firstDelay, first));
        Future<Object> f2 = pool.submit(() -> attempt(start, secondDelay, second));
        return List.of(f1.get(60, TimeUnit.SECONDS), f2.get(60, TimeUnit.SECONDS));
    }

    private static Object attempt(CyclicBarrier start, long delayNanos, Callable<?> body) throws Exception {
        start.await(30, TimeUnit.SECONDS);
        if (delayNanos > 0) {
            TimeUnit.NANOSECONDS.sleep(delayNanos);
        }
        try {
            return body.call();
        } catch (RapportException e) {
            return e;
        }
    }
}
