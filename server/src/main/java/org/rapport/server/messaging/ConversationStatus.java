package org.rapport.server.messaging;

/**
 * Where a conversation stands. OPEN: between connections. REQUEST: a member who is not a
 * connection wrote to someone whose setting allows it, and waits. ACCEPTED: the recipient accepted
 * (or answered) the request, so both may write whether or not they are connected. DECLINED: the
 * recipient declined; the requester may ask again after {@link MessagingService#REQUEST_COOLDOWN}.
 */
public enum ConversationStatus {
    OPEN, REQUEST, ACCEPTED, DECLINED;

    /** The recipient of a request accepts it. */
    public ConversationStatus accept() {
        if (this == DECLINED) {
            throw new IllegalStateException("a declined request cannot be accepted");
        }
        return this == REQUEST ? ACCEPTED : this;
    }

    /** The recipient of a request declines it. */
    public ConversationStatus decline() {
        if (this != REQUEST && this != DECLINED) {
            throw new IllegalStateException("only a message request can be declined, not " + this);
        }
        return DECLINED;
    }
}
