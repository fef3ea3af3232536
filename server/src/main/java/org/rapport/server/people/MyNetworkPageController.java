package org.rapport.server.people;

import org.rapport.server.account.MemberPrincipal;
import org.rapport.server.invitation.InvitationRepository;
import org.rapport.server.invitation.InvitationService;
import org.rapport.server.network.NetworkService;
import org.rapport.server.suggestion.SuggestionService;
import org.rapport.server.system.PageRequest;
import org.rapport.server.web.PageController;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** My Network: invitations received, sent and snoozed, People You May Know, and my network's size. */
@PageController
class MyNetworkPageController {

    static final int SUGGESTIONS_SHOWN = 12;

    private final InvitationService invitations;
    private final SuggestionService suggestions;
    private final NetworkService network;
    private final NetworkGlance glance;

    MyNetworkPageController(InvitationService invitations, SuggestionService suggestions, NetworkService network,
                            NetworkGlance glance) {
        this.glance = glance;
        this.invitations = invitations;
        this.suggestions = suggestions;
        this.network = network;
    }

    @GetMapping("/network")
    String network(@AuthenticationPrincipal MemberPrincipal me, @RequestParam(defaultValue = "received") String tab,
                   @RequestParam(required = false) String cursor, Model model) {
        long id = me.memberId();
        PageRequest page = PageRequest.of(20, cursor);
        switch (tab) {
            case "sent" -> model.addAttribute("sent", invitations.sent(id, page));
            case "snoozed" -> model.addAttribute("received",
                    invitations.received(id, InvitationRepository.ReceivedView.SNOOZED, page));
            case "filtered" -> model.addAttribute("received",
                    invitations.received(id, InvitationRepository.ReceivedView.FILTERED, page));
            default -> {
                tab = "received";
                model.addAttribute("received",
                        invitations.received(id, InvitationRepository.ReceivedView.ACTIVE, page));
            }
        }
        model.addAttribute("tab", tab);
        model.addAttribute("receivedCount", invitations.receivedCount(id));
        model.addAttribute("sentCount", invitations.sentCount(id));
        model.addAttribute("filteredCount", invitations.filteredCount(id));
        model.addAttribute("size", network.networkSize(id));
        model.addAttribute("glance", glance.of(id));
        model.addAttribute("suggestions", suggestions.suggest(id, SUGGESTIONS_SHOWN));
        return "pages/network";
    }
}
