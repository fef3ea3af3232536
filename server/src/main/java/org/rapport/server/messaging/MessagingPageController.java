package org.rapport.server.messaging;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.rapport.server.account.MemberPrincipal;
import org.rapport.server.connection.Connection;
import org.rapport.server.connection.ConnectionFilter;
import org.rapport.server.connection.ConnectionService;
import org.rapport.server.connection.ConnectionSort;
import org.rapport.server.member.MemberNotFoundException;
import org.rapport.server.member.MemberRepository;
import org.rapport.server.member.MemberSummary;
import org.rapport.server.network.MemberCard;
import org.rapport.server.network.NetworkService;
import org.rapport.server.privacy.BlockService;
import org.rapport.server.system.Page;
import org.rapport.server.system.PageRequest;
import org.rapport.server.system.RapportException;
import org.rapport.server.system.RateLimitException;
import org.rapport.server.system.ValidationException;
import org.rapport.server.web.PageController;
import org.rapport.server.web.Redirects;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The messaging pages: the conversation list (and the requests), a thread with its compose form,
 * and a new conversation with a member. Everything works as plain forms; with htmx the compose
 * form appends the sent message in place and rapport.js brings in arriving ones live.
 */
@PageController
class MessagingPageController {

    static final int THREAD_PAGE = 30;

    private final MessagingService messaging;
    private final MemberRepository members;
    private final NetworkService network;
    private final BlockService blocks;
    private final ConnectionService connections;

    MessagingPageController(MessagingService messaging, MemberRepository members, NetworkService network,
                            BlockService blocks, ConnectionService connections) {
        this.connections = connections;
        this.messaging = messaging;
        this.members = members;
        this.network = network;
        this.blocks = blocks;
    }

    @GetMapping("/messages")
    String list(@AuthenticationPrincipal MemberPrincipal me, @RequestParam(defaultValue = "false") boolean requests,
                @RequestParam(required = false) String cursor, Model model) {
        model.addAttribute("page", messaging.list(me.memberId(), requests, new PageRequest(20, cursor)));
        model.addAttribute("requests", requests);
        model.addAttribute("requestCount", messaging.requestCount(me.memberId()));
        return "pages/messages";
    }

    /** New message: find one of my connections by name and open our conversation (or a new one). */
    @GetMapping("/messages/new")
    String newMessage(@AuthenticationPrincipal MemberPrincipal me, @RequestParam(defaultValue = "") String q,
                      @RequestParam(required = false) String cursor, Model model) {
        String query = q.strip();
        if (query.length() > 100) {
            query = query.substring(0, 100);
        }
        Page<Connection> page = connections.list(me.memberId(), me.memberId(), ConnectionSort.FIRST_NAME,
                new ConnectionFilter(query, null, null, null, null), new PageRequest(20, cursor));
        model.addAttribute("q", query);
        model.addAttribute("page", page);
        return "pages/message-new";
    }

    @GetMapping("/messages/{id}")
    String thread(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id,
                  @RequestParam(required = false) String cursor, Model model) {
        threadModel(me.memberId(), id, cursor, model);
        if (cursor == null) {
            messaging.markRead(me.memberId(), id);
            // the list beside the thread shows it read
            model.addAttribute("conversations", messaging.list(me.memberId(), false, new PageRequest(20, null)));
        }
        return "pages/conversation";
    }

    @PostMapping("/messages/{id}")
    String send(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id,
                @RequestParam(required = false) String text, HttpServletRequest request,
                HttpServletResponse response, Model model) {
        try {
            MessagingService.Sent sent = messaging.send(me.memberId(), id, text);
            if (Redirects.isHtmx(request)) {
                response.setHeader("HX-Trigger", "message-sent");
                model.addAttribute("messages", List.of(sent.message()));
                model.addAttribute("me", me.memberId());
                return "fragments/messages";
            }
            return "redirect:/messages/" + id + "#compose";
        } catch (ValidationException | MessageNotAllowedException | RateLimitException e) {
            return refused(e, request, response, model, () -> threadModel(me.memberId(), id, null, model), text);
        }
    }

    /** Messages after {@code after}, oldest first, for an open thread to append (read as they arrive). */
    @GetMapping("/messages/{id}/since")
    String since(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id, @RequestParam long after,
                 Model model) {
        model.addAttribute("messages", messaging.messagesAfter(me.memberId(), id, after));
        model.addAttribute("me", me.memberId());
        messaging.markRead(me.memberId(), id);
        return "fragments/messages";
    }

    @PostMapping("/messages/{id}/accept")
    String accept(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id, RedirectAttributes redirect) {
        ConversationSummary c = messaging.accept(me.memberId(), id);
        redirect.addFlashAttribute("flash", "You accepted " + c.other().member().firstName()
                + "'s message request. You can now write to each other.");
        return "redirect:/messages/" + id;
    }

    @PostMapping("/messages/{id}/decline")
    String decline(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id, RedirectAttributes redirect) {
        ConversationSummary c = messaging.summary(me.memberId(), id);
        messaging.decline(me.memberId(), id);
        redirect.addFlashAttribute("flash", "You declined " + c.other().member().firstName()
                + "'s message request. They cannot send you another for three weeks.");
        return "redirect:/messages?requests=true";
    }

    /** The "Message" button of a profile: our conversation if we have one, else a new one. */
    @GetMapping("/messages/with/{memberId}")
    String with(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long memberId, Model model) {
        var existing = messaging.conversationWith(me.memberId(), memberId);
        if (existing.isPresent()) {
            return "redirect:/messages/" + existing.get();
        }
        newModel(me.memberId(), memberId, model);
        return "pages/conversation";
    }

    @PostMapping("/messages/with/{memberId}")
    String start(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long memberId,
                 @RequestParam(required = false) String text, HttpServletRequest request,
                 HttpServletResponse response, Model model) {
        try {
            MessagingService.Sent sent = messaging.start(me.memberId(), memberId, text);
            if (Redirects.isHtmx(request)) {
                response.setHeader("HX-Redirect", "/messages/" + sent.conversation().id());
                return "fragments/empty";
            }
            return "redirect:/messages/" + sent.conversation().id();
        } catch (ValidationException | MessageNotAllowedException | RateLimitException e) {
            return refused(e, request, response, model, () -> newModel(me.memberId(), memberId, model), text);
        }
    }

    /** The unread message count alone, for the top bar's badge to refresh itself (empty when zero). */
    @GetMapping("/messages/unread-count")
    ResponseEntity<String> unreadCount(@AuthenticationPrincipal MemberPrincipal me) {
        long n = messaging.unreadCount(me.memberId());
        return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(n == 0 ? "" : Long.toString(n));
    }

    // ------------------------------------------------------------------------------------------

    /**
     * A send that was refused: htmx gets the reason swapped into the form's error line; a plain
     * form gets the page again with the reason and the text kept, and the refusal's status.
     */
    private String refused(RapportException e, HttpServletRequest request, HttpServletResponse response, Model model,
                           Runnable page, String text) {
        String reason = e instanceof ValidationException v && v.messageFor("text") != null ? v.messageFor("text")
                : e.detail();
        if (e instanceof RateLimitException r) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(r.retryAfterSeconds()));
        }
        model.addAttribute("error", reason);
        if (Redirects.isHtmx(request)) {
            // htmx leaves error statuses unswapped: answer 200 and point the swap at the error line.
            response.setHeader("HX-Retarget", "#compose-error");
            response.setHeader("HX-Reswap", "outerHTML");
            return "fragments/compose-error";
        }
        response.setStatus(e.status());
        page.run();
        model.addAttribute("text", text == null ? "" : text);
        return "pages/conversation";
    }

    private void threadModel(long me, long id, String cursor, Model model) {
        ConversationSummary summary = messaging.summary(me, id);
        Page<Message> page = messaging.messages(me, id, new PageRequest(THREAD_PAGE, cursor));
        List<Message> chronological = new ArrayList<>(page.items());
        Collections.reverse(chronological);
        model.addAttribute("convo", summary);
        model.addAttribute("other", summary.other());
        model.addAttribute("messages", chronological);
        model.addAttribute("older", page.nextCursor());
        model.addAttribute("newest", cursor == null);
        model.addAttribute("action", "/messages/" + id);
        model.addAttribute("me", me);
        model.addAttribute("conversations", messaging.list(me, false, new PageRequest(20, null)));
    }

    private void newModel(long me, long memberId, Model model) {
        if (me == memberId) {
            throw new ValidationException("memberId", "You cannot message yourself.");
        }
        MemberSummary other = members.findById(memberId).map(m -> m.summary()).orElseThrow(MemberNotFoundException::new);
        blocks.requireVisible(me, memberId);
        MemberCard card = network.card(me, other);
        model.addAttribute("convo", null);
        model.addAttribute("other", card);
        model.addAttribute("messages", List.of());
        model.addAttribute("older", null);
        model.addAttribute("newest", true);
        model.addAttribute("action", "/messages/with/" + memberId);
        model.addAttribute("me", me);
        model.addAttribute("conversations", messaging.list(me, false, new PageRequest(20, null)));
    }
}
