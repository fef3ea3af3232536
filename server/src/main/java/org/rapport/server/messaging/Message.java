package org.rapport.server.messaging;

import java.time.Instant;

/** One message as written; pages escape it like any member text. */
public record Message(long id, long conversationId, long senderId, String text, Instant sentAt) {

    /** The first line or so of the text, for conversation lists. */
    public String preview() {
        String oneLine = text.replace('\n', ' ').replace('\t', ' ').strip();
        int max = 120;
        if (oneLine.codePointCount(0, oneLine.length()) <= max) {
            return oneLine;
        }
        return oneLine.substring(0, oneLine.offsetByCodePoints(0, max)).stripTrailing() + "…";
    }
}
