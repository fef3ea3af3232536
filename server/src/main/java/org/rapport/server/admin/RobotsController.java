package org.rapport.server.admin;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /robots.txt}: a community network is private, so crawlers are asked to index nothing —
 * every page but the landing and sign-in pages needs a session anyway, and those hold nothing
 * worth indexing. See docs/operating.md.
 */
@RestController
class RobotsController {

    static final String ROBOTS = "User-agent: *\nDisallow: /\n";

    @GetMapping(value = "/robots.txt", produces = MediaType.TEXT_PLAIN_VALUE)
    @io.swagger.v3.oas.annotations.Hidden
    ResponseEntity<String> robots() {
        return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(ROBOTS);
    }
}
