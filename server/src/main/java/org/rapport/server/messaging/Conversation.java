package org.rapport.server.messaging;

import java.time.Instant;

/**
 * A conversation between two members, {@code memberLo < memberHi}. {@code requesterId} is who
 * wrote the message request (null for a conversation that began between connections);
 * {@code declinedAt} is set while the request stands declined.
 */
public record Conversation(long id, long memberLo, long memberHi, ConversationStatus status, Long requesterId,
                           Instant declinedAt, Instant createdAt, Instant lastMessageAt) {

    public boolean hasMember(long member) {
        return member == memberLo || member == memberHi;
    }

    /** The member on the other side from {@code me}. */
    public long other(long me) {
        if (!hasMember(me)) {
            throw new IllegalArgumentException("member " + me + " is not in conversation " + id);
        }
        return me == memberLo ? memberHi : memberLo;
    }

    /** A request {@code me} received and has not answered. */
    public boolean requestFor(long me) {
        return status == ConversationStatus.REQUEST && requesterId != null && requesterId != me;
    }

    /** A request {@code me} sent that waits for an answer. */
    public boolean requestBy(long me) {
        return status == ConversationStatus.REQUEST && requesterId != null && requesterId == me;
    }

    /** A request {@code me} sent that the other member declined. */
    public boolean declinedFor(long me) {
        return status == ConversationStatus.DECLINED && requesterId != null && requesterId == me;
    }
}
