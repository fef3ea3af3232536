package org.rapport.server.photo;

import java.time.Duration;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.rapport.server.system.ValidationException;

/**
 * How a photo goes out, for the API and the pages alike: JPEG, {@code nosniff}, an ETag of the
 * fingerprint and size, and — when the address carries the current fingerprint ({@code v}) — a
 * year's private cache: the address changes with the photo. Private, because whether one may see
 * it depends on who asks. Without {@code v} (or with an old one) the browser revalidates each time
 * and gets 304 while the photo is the same.
 */
final class PhotoResponses {

    private PhotoResponses() {
    }

    /** {@code size}: {@code large} (default) or {@code small}. */
    static boolean large(String size) {
        if (size == null || size.isEmpty() || size.equals("large")) {
            return true;
        }
        if (size.equals("small")) {
            return false;
        }
        throw new ValidationException("size", "Choose size large or small.");
    }

    static ResponseEntity<byte[]> of(PhotoService.Photo photo, boolean large, String version, String ifNoneMatch) {
        String etag = "\"" + photo.fingerprint() + (large ? "-l" : "-s") + "\"";
        CacheControl cache = photo.fingerprint().equals(version)
                ? CacheControl.maxAge(Duration.ofDays(365)).cachePrivate().immutable()
                : CacheControl.noCache().cachePrivate();
        HttpHeaders headers = new HttpHeaders();
        headers.setETag(etag);
        headers.setCacheControl(cache);
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"photo.jpg\"");
        if (ifNoneMatch != null && (ifNoneMatch.equals(etag) || ifNoneMatch.equals("W/" + etag))) {
            return new ResponseEntity<>(headers, HttpStatus.NOT_MODIFIED);
        }
        headers.setContentType(MediaType.IMAGE_JPEG);
        headers.setContentLength(photo.jpeg().length);
        return new ResponseEntity<>(photo.jpeg(), headers, HttpStatus.OK);
    }
}
