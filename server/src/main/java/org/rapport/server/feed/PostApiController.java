package org.rapport.server.feed;

import java.net.URI;
import java.time.Instant;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.rapport.server.account.MemberPrincipal;
import org.rapport.server.network.MemberCardJson;
import org.rapport.server.system.Page;
import org.rapport.server.system.PageRequest;
import org.rapport.server.system.ValidationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Updates and the feed over the API (F2). */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Updates", description = "Share updates; the feed of the members I follow (F2)")
class PostApiController {

    record PostRequest(String text, String visibility) {
    }

    /** An update; {@code reach} (how many members it was delivered to) only for its author. */
    record PostJson(String id, MemberCardJson author, String text, Post.Visibility visibility, Instant createdAt,
                    Instant editedAt, Long reach) {
        static PostJson of(FeedItem item) {
            Post p = item.post();
            return new PostJson(Long.toString(p.id()), MemberCardJson.of(item.author()), p.body(), p.visibility(),
                    p.createdAt(), p.editedAt(), item.mine() ? p.reach() : null);
        }
    }

    private final PostService posts;

    PostApiController(PostService posts) {
        this.posts = posts;
    }

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping("/posts")
    @Operation(summary = "Share an update", description = "text: at most 3,000 characters; links are made clickable. "
            + "visibility ANYONE (default) or CONNECTIONS. 201 with reach: how many members it was delivered to.")
    ResponseEntity<PostJson> create(@AuthenticationPrincipal MemberPrincipal me,
                                    @RequestBody(required = false) PostRequest body) {
        if (body == null) {
            throw new ValidationException("text", "Write something to share.");
        }
        Post post = posts.create(me.memberId(), body.text(), body.visibility());
        return ResponseEntity.created(URI.create("/api/v1/posts/" + post.id()))
                .body(PostJson.of(posts.get(me.memberId(), post.id())));
    }

    @GetMapping("/posts/{id}")
    @Operation(summary = "One update, if it is shared with me")
    PostJson get(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id) {
        return PostJson.of(posts.get(me.memberId(), id));
    }

    @PatchMapping("/posts/{id}")
    @Operation(summary = "Change my update's text (and visibility)")
    PostJson edit(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id,
                  @RequestBody(required = false) PostRequest body) {
        if (body == null) {
            throw new ValidationException("text", "Write something to share.");
        }
        posts.edit(me.memberId(), id, body.text(), body.visibility());
        return PostJson.of(posts.get(me.memberId(), id));
    }

    @DeleteMapping("/posts/{id}")
    @Operation(summary = "Delete my update")
    ResponseEntity<Void> delete(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id) {
        posts.delete(me.memberId(), id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/feed")
    @Operation(summary = "My feed: updates of the members I follow, and mine, newest first",
            description = "Cursor-paginated; pages stay stable while new updates arrive.")
    Page<PostJson> feed(@AuthenticationPrincipal MemberPrincipal me, @RequestParam(required = false) Integer limit,
                        @RequestParam(required = false) String cursor) {
        return posts.feed(me.memberId(), PageRequest.of(limit, cursor)).map(PostJson::of);
    }

    @GetMapping("/members/{id}/posts")
    @Operation(summary = "A member's updates that are shared with me, newest first")
    Page<PostJson> byAuthor(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id,
                            @RequestParam(required = false) Integer limit,
                            @RequestParam(required = false) String cursor) {
        return posts.byAuthor(me.memberId(), id, PageRequest.of(limit, cursor)).map(PostJson::of);
    }
}
