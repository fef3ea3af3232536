package org.rapport.server.messaging;

import org.rapport.server.network.MemberCard;

/**
 * A conversation as one of its members sees it in a list or at the head of the thread: the other
 * member's card, the last message and how many messages the viewer has not read.
 */
public record ConversationSummary(Conversation conversation, MemberCard other, Message lastMessage, long unreadCount,
                                  long viewer) {

    public long id() {
        return conversation.id();
    }

    /** A request the viewer received and has not answered (accept, decline or reply). */
    public boolean requestReceived() {
        return conversation.requestFor(viewer);
    }

    /** A request the viewer sent that waits for an answer. */
    public boolean requestSent() {
        return conversation.requestBy(viewer);
    }

    /** A request the viewer sent that was declined. */
    public boolean declined() {
        return conversation.declinedFor(viewer);
    }
}
