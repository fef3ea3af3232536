package org.rapport.server.messaging;

import java.time.Duration;

import org.rapport.server.system.RateLimitException;

/** Too many messages in the last minute (429 with Retry-After). */
public class MessageRateLimitException extends RateLimitException {

    public MessageRateLimitException(int max, Duration retryAfter) {
        super("too-many-messages", "You have sent " + max + " messages in the last minute. Wait a moment before "
                + "sending more.", retryAfter);
    }
}
