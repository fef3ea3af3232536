package org.rapport.server.group;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.rapport.server.account.MemberPrincipal;
import org.rapport.server.connection.ConnectionFilter;
import org.rapport.server.network.MemberCardJson;
import org.rapport.server.system.Ids;
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
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Groups over the API (G3, G4). Authorisation lives in {@link GroupService}; see its class comment. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Groups", description = "Groups, membership, requests, invitations, roles, bans, discussions and the member directory (G3, G4)")
class GroupApiController {

    /** A group as I see it; {@code relation} is mine (OWNER, MANAGER, MEMBER, REQUESTED, INVITED, BANNED, NONE). */
    record GroupJson(String id, String name, String description, String rules, GroupVisibility visibility,
                     boolean listed, boolean postApproval, long memberCount, Relation relation, Instant createdAt) {
        static GroupJson of(GroupView v) {
            Group g = v.group();
            return new GroupJson(Long.toString(g.id()), g.name(), g.description(), g.rules(), g.visibility(),
                    g.listed(), g.postApproval(), g.memberCount(), v.relation(), g.createdAt());
        }
    }

    record MemberJson(MemberCardJson member, GroupRole role, Instant since) {
        static MemberJson of(GroupMember m) {
            return new MemberJson(MemberCardJson.of(m.card()), m.role(), m.since());
        }
    }

    record PostJson(String id, String groupId, MemberCardJson author, String text, boolean pending, Instant createdAt,
                    long commentCount) {
        static PostJson of(GroupPost p) {
            return new PostJson(Long.toString(p.id()), Long.toString(p.groupId()), MemberCardJson.of(p.author()), p.text(),
                    p.pending(), p.createdAt(), p.commentCount());
        }
    }

    record CommentJson(String id, String postId, MemberCardJson author, String text, Instant createdAt) {
        static CommentJson of(GroupComment c) {
            return new CommentJson(Long.toString(c.id()), Long.toString(c.postId()), MemberCardJson.of(c.author()),
                    c.text(), c.createdAt());
        }
    }

    record MemberRequest(String memberId) {
    }

    record RoleRequest(String role) {
    }

    record TextRequest(String text) {
    }

    record RelationJson(Relation relation) {
    }

    private final GroupService groups;

    GroupApiController(GroupService groups) {
        this.groups = groups;
    }

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping("/groups")
    @Operation(summary = "Create a group; I become its owner",
            description = "name (required, at most 100 characters), description and rules (at most 2,000 each), "
                    + "visibility PUBLIC (default) or MEMBERS_ONLY, listed (default true), postApproval (default false). "
                    + "201; 429 past 10 groups a day.")
    ResponseEntity<GroupJson> create(@AuthenticationPrincipal MemberPrincipal me,
                                     @RequestBody(required = false) GroupChanges body) {
        GroupView v = groups.create(me.memberId(), body);
        return ResponseEntity.created(URI.create("/api/v1/groups/" + v.group().id())).body(GroupJson.of(v));
    }

    @GetMapping("/groups")
    @Operation(summary = "Find groups by name or description, or list mine",
            description = "q searches; mine=true lists only groups I belong to. Unlisted groups appear only to their "
                    + "members, invitees and requesters. By name, cursor-paginated.")
    Page<GroupJson> search(@AuthenticationPrincipal MemberPrincipal me, @RequestParam(required = false) String q,
                           @RequestParam(defaultValue = "false") boolean mine,
                           @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        return groups.search(me.memberId(), q, mine, PageRequest.of(limit, cursor)).map(GroupJson::of);
    }

    @GetMapping("/groups/{id}")
    @Operation(summary = "A group: name, description, rules, settings, member count and my relation",
            description = "Anyone signed in who has the id sees this (an unlisted group's link is its invitation); "
                    + "404 for an unlisted group I was banned from.")
    GroupJson get(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id) {
        return GroupJson.of(groups.view(me.memberId(), id));
    }

    @PatchMapping("/groups/{id}")
    @Operation(summary = "Edit a group (owner and managers)", description = "Fields as for creating; absent ones stay.")
    GroupJson update(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id,
                     @RequestBody(required = false) GroupChanges body) {
        return GroupJson.of(groups.update(me.memberId(), id, body));
    }

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping("/groups/{id}/join")
    @Operation(summary = "Join a public group (or one I was invited to), or ask to join a members-only one",
            description = "201 with my relation afterwards: MEMBER or REQUESTED. 403 when banned.")
    RelationJson join(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id) {
        return new RelationJson(groups.join(me.memberId(), id));
    }

    @PostMapping("/groups/{id}/leave")
    @Operation(summary = "Leave the group, withdraw my request, or decline my invitation (204)",
            description = "409 for the owner: transfer ownership first.")
    ResponseEntity<Void> leave(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id) {
        groups.leave(me.memberId(), id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/groups/{id}/invitations")
    @Operation(summary = "Invite a connection of mine to the group (204)",
            description = "memberId: a 1st-degree connection. I must be a member. 409 when they are already in or banned; "
                    + "429 past 200 group invitations a day.")
    ResponseEntity<Void> invite(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id,
                                @RequestBody(required = false) MemberRequest body) {
        groups.invite(me.memberId(), id, memberId(body));
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/me/group-invitations")
    @Operation(summary = "Groups I was invited to and have not answered",
            description = "Accept with POST /groups/{id}/join, decline with POST /groups/{id}/leave.")
    Page<GroupJson> invitations(@AuthenticationPrincipal MemberPrincipal me) {
        return Page.all(groups.invitations(me.memberId()).stream().map(GroupJson::of).toList());
    }

    @GetMapping("/groups/{id}/requests")
    @Operation(summary = "Requests to join, oldest first (owner and managers)",
            description = "Filters location, company, industry, school, q (name or headline).")
    Page<MemberJson> requests(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id,
                              @RequestParam(required = false) String q, @RequestParam(required = false) String location,
                              @RequestParam(required = false) String company, @RequestParam(required = false) String school,
                              @RequestParam(required = false) String industry,
                              @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        return groups.requests(me.memberId(), id, new ConnectionFilter(q, location, company, school, industry),
                PageRequest.of(limit, cursor)).map(MemberJson::of);
    }

    @PostMapping("/groups/{id}/requests/{memberId}/approve")
    @Operation(summary = "Approve a request to join (owner and managers; 204); the member is notified")
    ResponseEntity<Void> approve(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id,
                                 @PathVariable long memberId) {
        groups.approve(me.memberId(), id, memberId);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/groups/{id}/requests/{memberId}/deny")
    @Operation(summary = "Deny a request to join (owner and managers; 204); they may ask again")
    ResponseEntity<Void> deny(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id,
                              @PathVariable long memberId) {
        groups.deny(me.memberId(), id, memberId);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/groups/{id}/members")
    @Operation(summary = "The member directory, newest members first, with degree badges and mutual counts",
            description = "Members, and anyone signed in for a public group. Filters q, location, company, school, "
                    + "industry. total on an unfiltered first page.")
    Page<MemberJson> members(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id,
                             @RequestParam(required = false) String q, @RequestParam(required = false) String location,
                             @RequestParam(required = false) String company, @RequestParam(required = false) String school,
                             @RequestParam(required = false) String industry,
                             @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        return groups.directory(me.memberId(), id, new ConnectionFilter(q, location, company, school, industry),
                PageRequest.of(limit, cursor)).map(MemberJson::of);
    }

    @DeleteMapping("/groups/{id}/members/{memberId}")
    @Operation(summary = "Remove a member (owner and managers; 204)",
            description = "Managers remove members; the owner also managers; nobody the owner.")
    ResponseEntity<Void> remove(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id,
                                @PathVariable long memberId) {
        groups.remove(me.memberId(), id, memberId);
        return ResponseEntity.noContent().build();
    }

    @PutMapping("/groups/{id}/members/{memberId}/role")
    @Operation(summary = "Make a member a manager or a manager a member (owner only; 204)", description = "role MANAGER or MEMBER.")
    ResponseEntity<Void> role(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id,
                              @PathVariable long memberId, @RequestBody(required = false) RoleRequest body) {
        groups.setRole(me.memberId(), id, memberId, body == null ? null : body.role());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/groups/{id}/owner")
    @Operation(summary = "Transfer ownership to a member (owner only; 204); I stay as a manager")
    ResponseEntity<Void> transfer(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id,
                                  @RequestBody(required = false) MemberRequest body) {
        groups.transfer(me.memberId(), id, memberId(body));
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/groups/{id}/bans")
    @Operation(summary = "Members banned from the group (owner and managers)")
    Page<MemberJson> bans(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id) {
        return Page.all(groups.bans(me.memberId(), id).stream().map(MemberJson::of).toList());
    }

    @PostMapping("/groups/{id}/bans")
    @Operation(summary = "Remove and block a member (owner and managers; 204)",
            description = "memberId. They cannot join, ask or be invited again until unbanned.")
    ResponseEntity<Void> ban(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id,
                             @RequestBody(required = false) MemberRequest body) {
        groups.ban(me.memberId(), id, memberId(body));
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/groups/{id}/bans/{memberId}")
    @Operation(summary = "Lift a ban (owner and managers; 204)")
    ResponseEntity<Void> unban(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id,
                               @PathVariable long memberId) {
        groups.unban(me.memberId(), id, memberId);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/groups/{id}/posts")
    @Operation(summary = "Discussion posts, newest first",
            description = "Members, and anyone signed in for a public group. pending=true: posts awaiting approval "
                    + "(owner and managers).")
    Page<PostJson> posts(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id,
                         @RequestParam(defaultValue = "false") boolean pending,
                         @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        return groups.posts(me.memberId(), id, pending, PageRequest.of(limit, cursor)).map(PostJson::of);
    }

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping("/groups/{id}/posts")
    @Operation(summary = "Post in the group's discussions (members; 201)",
            description = "text: at most 3,000 characters. With post approval on, a member's post waits (pending: true) "
                    + "and the owner and managers are notified. 429 past 30 posts and comments in 10 minutes.")
    ResponseEntity<PostJson> write(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id,
                                   @RequestBody(required = false) TextRequest body) {
        GroupPost p = groups.write(me.memberId(), id, body == null ? null : body.text());
        return ResponseEntity.created(URI.create("/api/v1/groups/" + id + "/posts/" + p.id())).body(PostJson.of(p));
    }

    @GetMapping("/groups/{id}/posts/{postId}")
    @Operation(summary = "One post")
    PostJson post(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id, @PathVariable long postId) {
        return PostJson.of(groups.post(me.memberId(), id, postId));
    }

    @PostMapping("/groups/{id}/posts/{postId}/approve")
    @Operation(summary = "Approve a pending post (owner and managers; 204)")
    ResponseEntity<Void> approvePost(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id,
                                     @PathVariable long postId) {
        groups.approvePost(me.memberId(), id, postId);
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/groups/{id}/posts/{postId}")
    @Operation(summary = "Delete a post: its author, or the owner and managers (also how a pending one is rejected; 204)")
    ResponseEntity<Void> deletePost(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id,
                                    @PathVariable long postId) {
        groups.deletePost(me.memberId(), id, postId);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/groups/{id}/posts/{postId}/comments")
    @Operation(summary = "A post's comments, oldest first")
    Page<CommentJson> comments(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id,
                               @PathVariable long postId, @RequestParam(required = false) Integer limit,
                               @RequestParam(required = false) String cursor) {
        return groups.comments(me.memberId(), id, postId, PageRequest.of(limit, cursor)).map(CommentJson::of);
    }

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping("/groups/{id}/posts/{postId}/comments")
    @Operation(summary = "Comment on a post (members; 201)", description = "text: at most 1,250 characters.")
    ResponseEntity<CommentJson> comment(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id,
                                        @PathVariable long postId, @RequestBody(required = false) TextRequest body) {
        GroupComment c = groups.comment(me.memberId(), id, postId, body == null ? null : body.text());
        return ResponseEntity.status(201).body(CommentJson.of(c));
    }

    private static long memberId(MemberRequest body) {
        if (body == null) {
            throw new ValidationException("memberId", "memberId is required.");
        }
        return Ids.parseField(body.memberId(), "memberId");
    }
}
