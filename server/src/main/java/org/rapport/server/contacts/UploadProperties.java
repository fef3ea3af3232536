package org.rapport.server.contacts;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The contact-upload queue (issue 14). Accepted uploads wait on disk in
 * {@code <data-dir>/uploads}, not in memory; {@code workers} of them are read at a time.
 *
 * @param workers     imports processed at once (each holds its file and parsed rows in memory)
 * @param queue       uploads waiting for a worker, all members together (beyond it: 503)
 * @param perMember   uploads of one member waiting or running (beyond it: 429)
 * @param retryAfter  the {@code Retry-After} of both refusals
 */
@ConfigurationProperties("rapport.contacts.uploads")
public record UploadProperties(
        @DefaultValue("2") int workers,
        @DefaultValue("200") int queue,
        @DefaultValue("3") int perMember,
        @DefaultValue("30s") Duration retryAfter) {

    public UploadProperties {
        if (workers < 1 || queue < 1 || perMember < 1) {
            throw new IllegalArgumentException("rapport.contacts.uploads: workers, queue and per-member must be positive");
        }
    }
}
