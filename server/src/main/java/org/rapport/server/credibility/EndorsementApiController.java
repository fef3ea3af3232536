package org.rapport.server.credibility;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.rapport.server.account.MemberPrincipal;
import org.rapport.server.network.MemberCardJson;
import org.rapport.server.system.Ids;
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

/** Skill endorsements over the API (H1). */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Endorsements", description = "Skill endorsements from 1st-degree connections (H1)")
class EndorsementApiController {

    record EndorseRequest(String skill) {
    }

    record HideRequest(String skill, String endorserId) {
    }

    record SettingsJson(Boolean acceptEndorsements) {
    }

    record EndorserJson(MemberCardJson member, boolean hidden) {
    }

    record SkillJson(String name, int count, boolean endorsedByMe, List<EndorserJson> endorsers, boolean complete) {
    }

    /** {@code endorsers} lists whom the caller may see (see {@link EndorsementService}); {@code complete} says if that is all. */
    record EndorsementsJson(String memberId, boolean acceptingEndorsements, boolean mayEndorse, int total,
                            List<SkillJson> skills) {
        static EndorsementsJson of(Endorsements e) {
            return new EndorsementsJson(Long.toString(e.memberId()), e.accepting(), e.mayEndorse(), e.total(),
                    e.skills().stream().map(s -> new SkillJson(s.name(), s.count(), s.endorsedByViewer(),
                            s.endorsers().stream().map(x -> new EndorserJson(MemberCardJson.of(x.card()), x.hidden()))
                                    .toList(), s.complete())).toList());
        }
    }

    private final EndorsementService endorsements;

    EndorsementApiController(EndorsementService endorsements) {
        this.endorsements = endorsements;
    }

    @GetMapping("/members/{id}/endorsements")
    @Operation(summary = "A member's skills with endorsement counts and endorsers",
            description = "Counts per skill; endorsers named as the member's connections-visibility setting allows "
                    + "(otherwise only my own connections among them). No skills for a viewer out of network when the "
                    + "member keeps their profile to their network, nor when the member does not accept endorsements. "
                    + "404 across a block.")
    EndorsementsJson list(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id) {
        return EndorsementsJson.of(endorsements.view(me.memberId(), id));
    }

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping("/members/{id}/endorsements")
    @Operation(summary = "Endorse one of a connection's skills",
            description = "{skill}: one of the skills on their profile. 201 with the endorsements as I now see them; "
                    + "endorsing twice is harmless. 403 unless we are 1st-degree connections, or when they do not accept "
                    + "endorsements; 400 for a skill not on their profile or myself; 404 across a block.")
    EndorsementsJson endorse(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id,
                             @RequestBody(required = false) EndorseRequest body) {
        endorsements.endorse(me.memberId(), id, body == null ? null : body.skill());
        return EndorsementsJson.of(endorsements.view(me.memberId(), id));
    }

    @DeleteMapping("/members/{id}/endorsements")
    @Operation(summary = "Take back my endorsement of a skill (?skill=); 204, also when there was none")
    ResponseEntity<Void> withdraw(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id,
                                  @RequestParam(required = false) String skill) {
        endorsements.withdraw(me.memberId(), id, skill);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/me/endorsements/hide")
    @Operation(summary = "Hide one endorsement of my skills from everyone else",
            description = "{skill, endorserId}. 204; 404 when there is no such endorsement.")
    ResponseEntity<Void> hide(@AuthenticationPrincipal MemberPrincipal me, @RequestBody(required = false) HideRequest body) {
        return setHidden(me, body, true);
    }

    @PostMapping("/me/endorsements/show")
    @Operation(summary = "Show a hidden endorsement of my skills again (204; 404 when there is no such endorsement)")
    ResponseEntity<Void> show(@AuthenticationPrincipal MemberPrincipal me, @RequestBody(required = false) HideRequest body) {
        return setHidden(me, body, false);
    }

    @GetMapping("/me/endorsement-settings")
    @Operation(summary = "Whether I accept skill endorsements")
    SettingsJson settings(@AuthenticationPrincipal MemberPrincipal me) {
        return new SettingsJson(endorsements.accepting(me.memberId()));
    }

    @PatchMapping("/me/endorsement-settings")
    @Operation(summary = "Turn skill endorsements on or off ({acceptEndorsements})",
            description = "Off: nobody can endorse me, and the endorsements I have are shown to nobody else until I "
                    + "turn them back on.")
    SettingsJson update(@AuthenticationPrincipal MemberPrincipal me, @RequestBody(required = false) SettingsJson body) {
        if (body != null && body.acceptEndorsements() != null) {
            endorsements.setAccepting(me.memberId(), body.acceptEndorsements());
        }
        return new SettingsJson(endorsements.accepting(me.memberId()));
    }

    private ResponseEntity<Void> setHidden(MemberPrincipal me, HideRequest body, boolean hidden) {
        if (body == null) {
            throw new ValidationException("skill", "skill and endorserId are required.");
        }
        long endorser = Ids.parseField(body.endorserId(), "endorserId");
        endorsements.setHidden(me.memberId(), endorser, body.skill(), hidden);
        return ResponseEntity.noContent().build();
    }
}
