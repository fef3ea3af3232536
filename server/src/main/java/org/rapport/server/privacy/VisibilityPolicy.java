package org.rapport.server.privacy;

import java.util.Set;

import org.rapport.server.member.MemberNotFoundException;
import org.rapport.server.member.MemberRepository;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Who a viewer may see (the policy layer of issue 15, after Mastodon's app/policies): the one
 * place pages, API controllers and services ask whether a member exists for a viewer.
 *
 * <p>{@link #hiddenFrom(long)} is the one computation of the members hidden from a viewer (blocked
 * either way); anything else that hides a member from everyone else belongs there too. Within an
 * HTTP request the set is computed once and kept on the request.
 */
@Component
public class VisibilityPolicy {

    private static final String MEMO = VisibilityPolicy.class.getName() + ".hidden.";

    private final BlockRepository blocks;
    private final MemberRepository members;

    VisibilityPolicy(BlockRepository blocks, MemberRepository members) {
        this.blocks = blocks;
        this.members = members;
    }

    /** Everyone hidden from {@code viewer}: whom they blocked and who blocked them. */
    public Set<Long> hiddenFrom(long viewer) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request == null) {
            return blocks.hiddenFrom(viewer);
        }
        @SuppressWarnings("unchecked")
        Set<Long> memo = (Set<Long>) request.getAttribute(MEMO + viewer, RequestAttributes.SCOPE_REQUEST);
        if (memo == null) {
            memo = Set.copyOf(blocks.hiddenFrom(viewer));
            request.setAttribute(MEMO + viewer, memo, RequestAttributes.SCOPE_REQUEST);
        }
        return memo;
    }

    /** Whether {@code other} is hidden from {@code viewer} (never oneself). */
    public boolean hidden(long viewer, long other) {
        return viewer != other && hiddenFrom(viewer).contains(other);
    }

    /** Whether the viewer may see the member at all: they exist and are not hidden from the viewer. */
    public boolean maySee(long viewer, long member) {
        return !hidden(viewer, member) && members.exists(member);
    }

    /** 404 ("not found", as for a member who does not exist) unless the viewer may see the member. */
    public void requireVisible(long viewer, long member) {
        if (!maySee(viewer, member)) {
            throw new MemberNotFoundException();
        }
    }
}
