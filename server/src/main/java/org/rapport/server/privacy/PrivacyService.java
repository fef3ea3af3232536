package org.rapport.server.privacy;

import java.time.Clock;
import java.util.Locale;

import org.rapport.server.member.ConnectionsVisibility;
import org.rapport.server.member.MemberNotFoundException;
import org.rapport.server.member.ProfileChanged;
import org.rapport.server.system.ValidationException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Reads and changes members' privacy settings. */
@Service
public class PrivacyService {

    private final PrivacyRepository repository;
    private final TransactionTemplate tx;
    private final Clock clock;

    private final ApplicationEventPublisher events;

    public PrivacyService(PrivacyRepository repository, TransactionTemplate tx, Clock clock,
                          ApplicationEventPublisher events) {
        this.events = events;
        this.repository = repository;
        this.tx = tx;
        this.clock = clock;
    }

    public PrivacySettings settings(long member) {
        return repository.find(member).orElseThrow(MemberNotFoundException::new);
    }

    /** Applies the given changes; all fields are validated before anything is written. */
    public PrivacySettings update(long member, PrivacyChanges changes) {
        ValidationException.Errors errors = new ValidationException.Errors();
        ConnectionsVisibility cv = parse(ConnectionsVisibility.class, changes.connectionsVisibility(),
                "connectionsVisibility", "EVERYONE, CONNECTIONS or ONLY_ME", errors);
        InvitationsFrom from = parse(InvitationsFrom.class, changes.invitationsFrom(), "invitationsFrom",
                "ANYONE, EMAIL_OR_CONTACTS or CONTACTS", errors);
        ProfileVisibility pv = parse(ProfileVisibility.class, changes.profileVisibility(), "profileVisibility",
                "EVERYONE or NETWORK", errors);
        FollowersFrom ff = parse(FollowersFrom.class, changes.followersFrom(), "followersFrom",
                "EVERYONE or CONNECTIONS", errors);
        MessagesFrom mf = parse(MessagesFrom.class, changes.messagesFrom(), "messagesFrom",
                "CONNECTIONS or ANYONE", errors);
        errors.throwIfAny();
        return tx.execute(status -> {
            PrivacySettings old = settings(member);
            PrivacySettings next = new PrivacySettings(
                    cv != null ? cv : old.connectionsVisibility(),
                    from != null ? from : old.invitationsFrom(),
                    changes.requireNote() != null ? changes.requireNote() : old.requireNote(),
                    changes.requireShared() != null ? changes.requireShared() : old.requireShared(),
                    changes.secondDegreeOnly() != null ? changes.secondDegreeOnly() : old.secondDegreeOnly(),
                    pv != null ? pv : old.profileVisibility(),
                    changes.showAlsoViewed() != null ? changes.showAlsoViewed() : old.showAlsoViewed(),
                    changes.followPrimary() != null ? changes.followPrimary() : old.followPrimary(),
                    ff != null ? ff : old.followersFrom(),
                    mf != null ? mf : old.messagesFrom());
            repository.update(member, next, clock.instant());
            events.publishEvent(new ProfileChanged(member));
            return next;
        });
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String raw, String field, String allowed,
                                               ValidationException.Errors errors) {
        if (raw == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, raw.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            // Named from the enum itself, so that a value added later (GROUP_MEMBERS) is never left out.
            java.util.List<String> names = java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
            String choices = String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
            errors.add(field, field + " must be " + choices + ".");
            return null;
        }
    }
}
