package org.rapport.server.photo;

import org.rapport.server.account.MemberPrincipal;
import org.rapport.server.system.RapportException;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The image address every avatar on the pages uses ({@code MemberSummary.photoUrl}), with the
 * session's member as viewer. Not a {@code @PageController}: an image needs no page context (the
 * counts of the top bar would cost queries per avatar), and its refusals are short plain text,
 * never an HTML page in an {@code <img>}.
 */
@Controller
class PhotoImageController {

    private final PhotoService photos;

    PhotoImageController(PhotoService photos) {
        this.photos = photos;
    }

    @GetMapping("/members/{id}/photo")
    ResponseEntity<byte[]> photo(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id,
                                 @RequestParam(required = false) String size, @RequestParam(required = false) String v,
                                 @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        boolean large = PhotoResponses.large(size);
        return PhotoResponses.of(photos.photo(me.memberId(), id, large), large, v, ifNoneMatch);
    }

    @ExceptionHandler(RapportException.class)
    ResponseEntity<String> refused(RapportException e) {
        return ResponseEntity.status(e.status()).contentType(MediaType.TEXT_PLAIN)
                .cacheControl(CacheControl.noStore()).header("X-Content-Type-Options", "nosniff").body(e.detail());
    }
}
