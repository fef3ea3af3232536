package org.rapport.server.privacy;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.rapport.server.member.MemberNotFoundException;
import org.rapport.server.member.MemberRepository;
import org.rapport.server.member.MemberSummary;
import org.rapport.server.system.Cursor;
import org.rapport.server.system.Page;
import org.rapport.server.system.PageRequest;
import org.rapport.server.system.PairLock;
import org.rapport.server.system.ValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Blocking (B4). A block, in one transaction, records the block and publishes {@link MemberBlocked};
 * each owning feature's listener then removes the connection, cancels the open invitation either
 * way, ends following either way, deletes endorsements, recommendations, pending introductions,
 * the conversation and the notifications each has about the other. From then on each member is
 * hidden from the other: their profile, lists and every endpoint naming them answer 404 ("not
 * found", the same as for a member who does not exist), and neither appears in the other's
 * search, suggestions, People Also Viewed, viewers or connection lists. Unblocking lifts the
 * hiding and restores nothing: no connection, no invitation.
 */
@Service
public class BlockService {

    private static final Logger log = LoggerFactory.getLogger(BlockService.class);

    /** A member I blocked, and when. */
    public record Blocked(MemberSummary member, Instant blockedAt) {
    }

    private final BlockRepository blocks;
    private final MemberRepository members;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final PairLock pairs;
    private final VisibilityPolicy visibility;

    public BlockService(BlockRepository blocks, MemberRepository members, TransactionTemplate tx, Clock clock,
                        ApplicationEventPublisher events, PairLock pairs, VisibilityPolicy visibility) {
        this.visibility = visibility;
        this.pairs = pairs;
        this.events = events;
        this.blocks = blocks;
        this.members = members;
        this.tx = tx;
        this.clock = clock;
    }

    /** Blocks {@code other}. Blocking twice is harmless. */
    public void block(long me, long other) {
        if (me == other) {
            throw new ValidationException("memberId", "You cannot block yourself.");
        }
        tx.executeWithoutResult(status -> {
            pairs.lock(me, other);
            // Unknown, or they blocked me first: to me they do not exist.
            if (!members.exists(other) || blocks.blocked(other, me)) {
                throw new MemberNotFoundException();
            }
            blocks.insert(me, other, clock.instant());
            // Each feature removes what the two had together in its own MemberBlocked listener, in this transaction.
            events.publishEvent(new MemberBlocked(me, other));
        });
        log.info("Member {} blocked member {}", me, other);
    }

    /** Lifts my block on {@code other}; nothing they had before comes back. Unblocking twice is harmless. */
    public void unblock(long me, long other) {
        tx.executeWithoutResult(status -> blocks.delete(me, other));
    }

    /** Whether either member blocked the other (asks {@link VisibilityPolicy}). */
    public boolean hidden(long a, long b) {
        return visibility.hidden(a, b);
    }

    /** 404 when either member blocked the other. */
    public void requireVisible(long viewer, long other) {
        if (hidden(viewer, other)) {
            throw new MemberNotFoundException();
        }
    }

    /** Everyone hidden from {@code member}: whom they blocked and who blocked them ({@link VisibilityPolicy#hiddenFrom}). */
    public Set<Long> hiddenFrom(long member) {
        return visibility.hiddenFrom(member);
    }

    public Page<Blocked> blocked(long me, PageRequest page) {
        List<BlockRepository.Row> rows = new ArrayList<>(blocks.page(me, page));
        String next = null;
        if (rows.size() > page.limit()) {
            rows.remove(rows.size() - 1);
            BlockRepository.Row last = rows.get(rows.size() - 1);
            next = Cursor.encode("blocks", last.blockedAt().toEpochMilli(), last.blockedId());
        }
        Map<Long, MemberSummary> summaries = members.findSummaries(rows.stream().map(BlockRepository.Row::blockedId).toList());
        List<Blocked> items = new ArrayList<>();
        for (BlockRepository.Row row : rows) {
            MemberSummary s = summaries.get(row.blockedId());
            if (s != null) {
                items.add(new Blocked(s, row.blockedAt()));
            }
        }
        return new Page<>(items, next, blocks.count(me));
    }

}
