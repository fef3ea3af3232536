package org.rapport.server.feed;

import java.time.Instant;

/** An update as stored. */
public record Post(long id, long authorId, String body, Visibility visibility, boolean fannedOut, long reach,
                   Instant createdAt, Instant editedAt) {

    /** Who may see an update (F2). */
    public enum Visibility {
        /** Every member who can see the author. */
        ANYONE,
        /** The author's connections. */
        CONNECTIONS
    }

    public String html() {
        return PostText.html(body);
    }
}
