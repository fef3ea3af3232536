package org.rapport.server.group;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletResponse;

import org.rapport.server.account.MemberPrincipal;
import org.rapport.server.connection.ConnectionFilter;
import org.rapport.server.member.MemberRepository;
import org.rapport.server.member.MemberSummary;
import org.rapport.server.messaging.MessagingService;
import org.rapport.server.network.NetworkService;
import org.rapport.server.privacy.BlockService;
import org.rapport.server.system.PageRequest;
import org.rapport.server.system.ValidationException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.rapport.server.web.PageController;

/**
 * The groups pages: find and create groups; a group's page (about, discussions), its member
 * directory, one post with its comments, and the management page (requests with filters, pending
 * posts, members and roles, bans, settings). Every action is a plain form with CSRF; errors in a
 * form are shown in it, other refusals on the error page in words.
 */
@PageController
class GroupPageController {

    static final int PAGE = 20;

    private final GroupService groups;
    private final NetworkService network;
    private final MemberRepository members;
    private final MessagingService messaging;
    private final BlockService blocks;

    GroupPageController(GroupService groups, NetworkService network, MemberRepository members,
                        MessagingService messaging, BlockService blocks) {
        this.groups = groups;
        this.network = network;
        this.members = members;
        this.messaging = messaging;
        this.blocks = blocks;
    }

    @GetMapping("/groups")
    String list(@AuthenticationPrincipal MemberPrincipal me, @RequestParam(required = false) String q,
                @RequestParam(required = false) String cursor, Model model) {
        long m = me.memberId();
        boolean searching = q != null && !q.isBlank();
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("searching", searching);
        model.addAttribute("results", searching ? groups.search(m, q, false, new PageRequest(PAGE, cursor)) : null);
        model.addAttribute("mine", groups.search(m, null, true, new PageRequest(searching ? PAGE : PAGE, searching ? null : cursor)));
        model.addAttribute("invitations", groups.invitations(m));
        model.addAttribute("discover", searching ? null : groups.search(m, null, false, PageRequest.first(30)).items()
                .stream().filter(v -> !v.relation().member()).limit(10).toList());
        return "pages/groups";
    }

    @GetMapping("/groups/new")
    String createForm(Model model) {
        model.addAttribute("form", new GroupChanges("", "", "", "PUBLIC", true, false));
        model.addAttribute("errors", Map.of());
        model.addAttribute("groupId", null);
        return "pages/group-form";
    }

    @PostMapping("/groups")
    String create(@AuthenticationPrincipal MemberPrincipal me, @RequestParam(required = false) String name,
                  @RequestParam(required = false) String description, @RequestParam(required = false) String rules,
                  @RequestParam(required = false) String visibility, @RequestParam(defaultValue = "false") boolean listed,
                  @RequestParam(defaultValue = "false") boolean postApproval, Model model, HttpServletResponse response,
                  RedirectAttributes redirect) {
        GroupChanges form = new GroupChanges(name, description, rules, visibility, listed, postApproval);
        try {
            GroupView v = groups.create(me.memberId(), form);
            redirect.addFlashAttribute("flash", "Your group is ready. Invite your connections from its page.");
            return "redirect:/groups/" + v.group().id();
        } catch (ValidationException e) {
            response.setStatus(400);
            model.addAttribute("form", form);
            model.addAttribute("errors", errors(e));
            model.addAttribute("groupId", null);
            return "pages/group-form";
        }
    }

    @GetMapping("/groups/{id}")
    String group(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id,
                 @RequestParam(required = false) String cursor, Model model) {
        GroupView view = groups.view(me.memberId(), id);
        model.addAttribute("view", view);
        model.addAttribute("posts", view.canRead() ? groups.posts(me.memberId(), id, false, new PageRequest(PAGE, cursor)) : null);
        model.addAttribute("invitable", view.relation().member() ? invitable(me.memberId(), id) : List.of());
        model.addAttribute("text", "");
        model.addAttribute("error", null);
        return "pages/group";
    }

    @PostMapping("/groups/{id}/join")
    String join(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id, RedirectAttributes redirect) {
        Relation r = groups.join(me.memberId(), id);
        redirect.addFlashAttribute("flash", r == Relation.REQUESTED
                ? "Your request to join was sent. An owner or manager will answer it."
                : "Welcome to the group.");
        return "redirect:/groups/" + id;
    }

    @PostMapping("/groups/{id}/leave")
    String leave(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id, RedirectAttributes redirect) {
        Relation before = groups.view(me.memberId(), id).relation();
        groups.leave(me.memberId(), id);
        redirect.addFlashAttribute("flash", switch (before) {
            case REQUESTED -> "You withdrew your request to join.";
            case INVITED -> "You declined the invitation.";
            default -> "You left the group.";
        });
        return before == Relation.INVITED ? "redirect:/groups" : "redirect:/groups/" + id;
    }

    @PostMapping("/groups/{id}/invite")
    String invite(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id,
                  @RequestParam(required = false) Long memberId, RedirectAttributes redirect) {
        if (memberId == null) {
            throw new ValidationException("memberId", "Choose a connection to invite.");
        }
        groups.invite(me.memberId(), id, memberId);
        redirect.addFlashAttribute("flash", "Invitation sent.");
        return "redirect:/groups/" + id;
    }

    @PostMapping("/groups/{id}/posts")
    String write(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id,
                 @RequestParam(required = false) String text, Model model, HttpServletResponse response,
                 RedirectAttributes redirect) {
        try {
            GroupPost p = groups.write(me.memberId(), id, text);
            redirect.addFlashAttribute("flash", p.pending()
                    ? "Your post waits for a manager's approval. It is removed if nobody approves it within 14 days."
                    : "Posted.");
            return "redirect:/groups/" + id;
        } catch (ValidationException e) {
            response.setStatus(400);
            GroupView view = groups.view(me.memberId(), id);
            model.addAttribute("view", view);
            model.addAttribute("posts", groups.posts(me.memberId(), id, false, new PageRequest(PAGE, null)));
            model.addAttribute("invitable", invitable(me.memberId(), id));
            model.addAttribute("text", text == null ? "" : text);
            model.addAttribute("error", e.messageFor("text"));
            return "pages/group";
        }
    }

    @GetMapping("/groups/{id}/posts/{postId}")
    String post(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id, @PathVariable long postId,
                @RequestParam(required = false) String cursor, Model model) {
        postModel(me.memberId(), id, postId, cursor, model);
        model.addAttribute("text", "");
        model.addAttribute("error", null);
        return "pages/group-post";
    }

    @PostMapping("/groups/{id}/posts/{postId}/comments")
    String comment(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id, @PathVariable long postId,
                   @RequestParam(required = false) String text, Model model, HttpServletResponse response) {
        try {
            groups.comment(me.memberId(), id, postId, text);
            return "redirect:/groups/" + id + "/posts/" + postId + "#comments";
        } catch (ValidationException e) {
            response.setStatus(400);
            postModel(me.memberId(), id, postId, null, model);
            model.addAttribute("text", text == null ? "" : text);
            model.addAttribute("error", e.messageFor("text"));
            return "pages/group-post";
        }
    }

    @PostMapping("/groups/{id}/posts/{postId}/delete")
    String deletePost(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id, @PathVariable long postId,
                      @RequestParam(required = false) String back, RedirectAttributes redirect) {
        groups.deletePost(me.memberId(), id, postId);
        redirect.addFlashAttribute("flash", "The post was deleted.");
        return "manage".equals(back) ? "redirect:/groups/" + id + "/manage" : "redirect:/groups/" + id;
    }

    @PostMapping("/groups/{id}/posts/{postId}/approve")
    String approvePost(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id, @PathVariable long postId,
                       RedirectAttributes redirect) {
        groups.approvePost(me.memberId(), id, postId);
        redirect.addFlashAttribute("flash", "The post is published.");
        return "redirect:/groups/" + id + "/manage";
    }

    @GetMapping("/groups/{id}/members")
    String directory(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id,
                     @RequestParam(required = false) String q, @RequestParam(required = false) String location,
                     @RequestParam(required = false) String company, @RequestParam(required = false) String school,
                     @RequestParam(required = false) String industry, @RequestParam(required = false) String cursor,
                     Model model) {
        long m = me.memberId();
        GroupView view = groups.view(m, id);
        ConnectionFilter filter = new ConnectionFilter(q, location, company, school, industry);
        var page = groups.directory(m, id, filter, new PageRequest(PAGE, cursor));
        Set<Long> writable = new java.util.HashSet<>();
        for (GroupMember gm : page.items()) {
            if (messaging.mayWrite(m, gm.card().member().id())) {
                writable.add(gm.card().member().id());
            }
        }
        model.addAttribute("view", view);
        model.addAttribute("filter", filter);
        model.addAttribute("page", page);
        model.addAttribute("writable", writable);
        return "pages/group-members";
    }

    @GetMapping("/groups/{id}/manage")
    String manage(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id,
                  @RequestParam(required = false) String q, @RequestParam(required = false) String location,
                  @RequestParam(required = false) String company, @RequestParam(required = false) String school,
                  @RequestParam(required = false) String industry, @RequestParam(required = false) String cursor,
                  @RequestParam(required = false) String membersCursor, Model model) {
        long m = me.memberId();
        GroupView view = groups.view(m, id);
        ConnectionFilter filter = new ConnectionFilter(q, location, company, school, industry);
        model.addAttribute("view", view);
        model.addAttribute("filter", filter);
        model.addAttribute("requests", groups.requests(m, id, filter, new PageRequest(PAGE, cursor)));
        model.addAttribute("pending", groups.posts(m, id, true, PageRequest.first(PAGE)));
        model.addAttribute("members", groups.directory(m, id, ConnectionFilter.none(), new PageRequest(PAGE, membersCursor)));
        model.addAttribute("bans", groups.bans(m, id));
        model.addAttribute("form", new GroupChanges(view.group().name(), view.group().description(), view.group().rules(),
                view.group().visibility().name(), view.group().listed(), view.group().postApproval()));
        model.addAttribute("errors", Map.of());
        return "pages/group-manage";
    }

    @PostMapping("/groups/{id}/settings")
    String settings(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id,
                    @RequestParam(required = false) String name, @RequestParam(required = false) String description,
                    @RequestParam(required = false) String rules, @RequestParam(required = false) String visibility,
                    @RequestParam(defaultValue = "false") boolean listed,
                    @RequestParam(defaultValue = "false") boolean postApproval, Model model,
                    HttpServletResponse response, RedirectAttributes redirect) {
        GroupChanges form = new GroupChanges(name, description, rules, visibility, listed, postApproval);
        try {
            groups.update(me.memberId(), id, form);
            redirect.addFlashAttribute("flash", "The group's settings are saved.");
            return "redirect:/groups/" + id + "/manage";
        } catch (ValidationException e) {
            response.setStatus(400);
            model.addAttribute("form", form);
            model.addAttribute("errors", errors(e));
            model.addAttribute("groupId", id);
            return "pages/group-form";
        }
    }

    @PostMapping("/groups/{id}/requests/{memberId}/{answer:approve|deny}")
    String answer(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id, @PathVariable long memberId,
                  @PathVariable String answer, RedirectAttributes redirect) {
        if (answer.equals("approve")) {
            groups.approve(me.memberId(), id, memberId);
            redirect.addFlashAttribute("flash", "Request approved: they are a member now.");
        } else {
            groups.deny(me.memberId(), id, memberId);
            redirect.addFlashAttribute("flash", "Request denied.");
        }
        return "redirect:/groups/" + id + "/manage";
    }

    @PostMapping("/groups/{id}/members/{memberId}/{action:remove|ban|manager|member|owner|unban}")
    String memberAction(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id, @PathVariable long memberId,
                        @PathVariable String action, RedirectAttributes redirect) {
        long m = me.memberId();
        String done = switch (action) {
            case "remove" -> {
                groups.remove(m, id, memberId);
                yield "The member was removed.";
            }
            case "ban" -> {
                groups.ban(m, id, memberId);
                yield "The member was removed and blocked from the group.";
            }
            case "unban" -> {
                groups.unban(m, id, memberId);
                yield "The ban was lifted.";
            }
            case "owner" -> {
                groups.transfer(m, id, memberId);
                yield "Ownership transferred. You stay as a manager.";
            }
            default -> {
                groups.setRole(m, id, memberId, action);
                yield action.equals("manager") ? "They are a manager now." : "They are a member now.";
            }
        };
        redirect.addFlashAttribute("flash", done);
        return "redirect:/groups/" + id + "/manage";
    }

    // ------------------------------------------------------------------------------------------

    private void postModel(long me, long id, long postId, String cursor, Model model) {
        GroupView view = groups.view(me, id);
        model.addAttribute("view", view);
        model.addAttribute("post", groups.post(me, id, postId));
        model.addAttribute("comments", groups.comments(me, id, postId, new PageRequest(50, cursor)));
    }

    /** My connections who are not in the group yet (at most 200, by name), for the invite box. */
    private List<MemberSummary> invitable(long me, long id) {
        long[] ids = network.connectionIds(me);
        List<Long> list = new ArrayList<>();
        Set<Long> hidden = blocks.hiddenFrom(me);
        for (int i = 0; i < ids.length && list.size() < 200; i++) {
            if (!hidden.contains(ids[i]) && !groups.isMember(id, ids[i])) {
                list.add(ids[i]);
            }
        }
        List<MemberSummary> out = new ArrayList<>(members.findSummariesInOrder(list));
        out.sort(java.util.Comparator.comparing(MemberSummary::name, String.CASE_INSENSITIVE_ORDER));
        return out;
    }

    private static Map<String, String> errors(ValidationException e) {
        Map<String, String> out = new java.util.HashMap<>();
        e.errors().forEach(f -> out.putIfAbsent(f.field(), f.message()));
        return out;
    }
}
