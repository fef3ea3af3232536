package org.rapport.server.photo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Profile photos ({@code rapport.photos.*}, issue 18).
 *
 * @param maxBytes  the largest upload accepted (the file as sent)
 * @param maxPixels the most pixels (width × height, read from the header before decoding) an upload
 *                  may have: a small file that would decode to gigabytes is refused unread
 * @param largeSize the side of the large square kept (profile header, API default)
 * @param smallSize the side of the small square kept (lists, cards, the top bar)
 * @param quality   JPEG quality of the stored squares, 0–1
 */
@ConfigurationProperties("rapport.photos")
public record PhotoProperties(
        @DefaultValue("5MB") DataSize maxBytes,
        @DefaultValue("40000000") long maxPixels,
        @DefaultValue("400") int largeSize,
        @DefaultValue("96") int smallSize,
        @DefaultValue("0.85") float quality) {

    public PhotoProperties {
        if (maxBytes.toBytes() < 1024 || maxPixels < 10_000 || smallSize < 16 || largeSize < smallSize
                || largeSize > 2048 || quality <= 0 || quality > 1) {
            throw new IllegalArgumentException("rapport.photos: max-bytes at least 1KB, max-pixels at least 10000, "
                    + "16 <= small-size <= large-size <= 2048, 0 < quality <= 1");
        }
    }
}
