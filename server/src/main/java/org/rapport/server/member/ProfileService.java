package org.rapport.server.member;

import java.time.Clock;
import java.time.Instant;

import org.rapport.server.system.ValidationException.Errors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Reads and edits profiles (I3). */
@Service
public class ProfileService {

    private final MemberRepository members;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final ProfileRules rules;
    private final ApplicationEventPublisher events;

    public ProfileService(MemberRepository members, TransactionTemplate tx, Clock clock,
                          ApplicationEventPublisher events) {
        this.members = members;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
        this.rules = new ProfileRules(clock);
    }

    public Profile profile(long memberId) {
        return members.findProfile(memberId).orElseThrow(MemberNotFoundException::new);
    }

    /**
     * Applies a partial update. Every field is validated before anything is written; the write is one
     * transaction, so a profile is never half-updated.
     */
    public Profile update(long memberId, ProfileChanges changes) {
        Errors errors = new Errors();
        String firstName = rules.firstName(changes.firstName(), errors);
        String lastName = rules.lastName(changes.lastName(), errors);
        String headline = ProfileRules.line(changes.headline(), "headline", "Headline", ProfileRules.HEADLINE_MAX, errors);
        String location = ProfileRules.line(changes.location(), "location", "Location", ProfileRules.LOCATION_MAX, errors);
        String industry = ProfileRules.line(changes.industry(), "industry", "Industry", ProfileRules.INDUSTRY_MAX, errors);
        String about = ProfileRules.multiline(changes.about(), "about", "About", ProfileRules.ABOUT_MAX, errors);
        var positions = rules.positions(changes.positions(), errors);
        var education = rules.education(changes.education(), errors);
        var skills = ProfileRules.tags(changes.skills(), "skills", "A skill", ProfileRules.SKILLS_MAX, errors);
        var interests = ProfileRules.tags(changes.interests(), "interests", "An interest", ProfileRules.INTERESTS_MAX, errors);
        var handles = ProfileRules.handles(changes.handles(), errors);
        errors.throwIfAny();

        return tx.execute(status -> {
            Profile current = members.findProfile(memberId).orElseThrow(MemberNotFoundException::new);
            Member m = current.member();
            Member updated = new Member(m.id(), m.email(),
                    or(firstName, m.firstName()), or(lastName, m.lastName()),
                    or(headline, m.headline()), or(location, m.location()), or(industry, m.industry()),
                    or(about, m.about()), m.externalId(), m.connectionsVisibility(), m.createdAt(),
                    m.photo(), m.networkOnly());
            Profile next = new Profile(updated,
                    or(positions, current.positions()), or(education, current.education()),
                    or(skills, current.skills()), or(interests, current.interests()),
                    or(handles, current.handles()));
            members.replaceProfile(next, Instant.now(clock));
            events.publishEvent(new ProfileChanged(memberId));
            return next;
        });
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
