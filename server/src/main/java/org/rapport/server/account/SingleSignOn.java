package org.rapport.server.account;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

import org.rapport.server.member.MemberRepository;
import org.rapport.server.member.ProfileRules;
import org.rapport.server.system.Text;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns an identity an OpenID Connect provider or an LDAP directory vouched for into a member
 * (issue 16, single sign-on), in this order:
 * <ol>
 * <li>an identity already linked (same provider and subject) signs its member in;</li>
 * <li>otherwise a member whose address equals the identity's is linked and signed in, but only
 * when both sides proved the address: the provider says {@code email_verified} (or the operator
 * trusts the directory's addresses) and the member verified it here. Anything less refuses with
 * {@link UnverifiedExternalEmailException}: linking on an unproved address is an account takeover;</li>
 * <li>otherwise a new account is made (no password; the address verified when the provider
 * vouches for it), through the same {@link MemberSignedUp} event as a sign-up, so the sign-up
 * policy ({@code admin.SignUpPolicy}) refuses it as it refuses a form.</li>
 * </ol>
 * Every path ends in the standing check of a password sign-in (a suspended member is refused) and
 * yields the same {@link MemberPrincipal} with the member's security stamp.
 */
@Service
public class SingleSignOn {

    private static final Logger log = LoggerFactory.getLogger(SingleSignOn.class);

    private final ExternalIdentityRepository identities;
    private final MemberRepository members;
    private final AccountStanding standing;
    private final EmailVerifications verifications;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    SingleSignOn(ExternalIdentityRepository identities, MemberRepository members, AccountStanding standing,
                 EmailVerifications verifications, TransactionTemplate tx,
                 ApplicationEventPublisher events, Clock clock) {
        this.identities = identities;
        this.members = members;
        this.standing = standing;
        this.verifications = verifications;
        this.tx = tx;
        this.events = events;
        this.clock = clock;
    }

    /** The member this identity signs in as, linking or creating one as the class comment says. */
    public MemberPrincipal signIn(ExternalIdentity identity) {
        try {
            return principal(tx.execute(status -> resolve(identity)));
        } catch (DataIntegrityViolationException e) {
            // Two first sign-ins of the same person at once: the other one linked or created first.
            return principal(tx.execute(status -> resolve(identity)));
        }
    }

    private MemberPrincipal principal(long memberId) {
        standing.requireAllowedToSignIn(memberId);
        MemberRepository.Credentials credentials = members.findCredentials(memberId).orElseThrow();
        return new MemberPrincipal(memberId, credentials.securityStamp());
    }

    private long resolve(ExternalIdentity identity) {
        Instant now = clock.instant();
        Optional<Long> linked = identities.findMember(identity.provider(), identity.subject());
        if (linked.isPresent()) {
            identities.used(identity.provider(), identity.subject(), now);
            return linked.get();
        }
        String email = AccountService.normaliseEmail(identity.email());
        if (!AccountService.looksLikeEmail(email)) {
            throw new ExternalEmailMissingException();
        }
        Optional<Long> existing = members.findIdByEmail(email);
        if (existing.isPresent()) {
            long memberId = existing.get();
            if (!identity.emailVerified()) {
                throw UnverifiedExternalEmailException.atProvider();
            }
            if (!verifications.isVerified(memberId)) {
                throw UnverifiedExternalEmailException.here();
            }
            identities.link(identity.provider(), identity.subject(), memberId, email, now);
            log.info("Member {} linked a {} identity by their verified address", memberId, identity.provider());
            return memberId;
        }
        return create(identity, email, now);
    }

    private long create(ExternalIdentity identity, String email, Instant now) {
        String first = name(identity.firstName());
        String last = name(identity.lastName());
        if (first.isEmpty()) {
            first = name(email.substring(0, email.indexOf('@')));
        }
        long id = members.insert(email, AccountService.NO_PASSWORD, stamp(), first, last, null, now);
        if (id > Integer.MAX_VALUE) {
            throw new IllegalStateException("member ids beyond 2^31 are not supported by the graph index");
        }
        // Verified before the sign-up event, so no verification mail goes to an address already
        // vouched for; announced after it (the sign-up policy may still refuse the account), so
        // invitations waiting for the address reach the new member.
        boolean verified = identity.emailVerified() && verifications.markVerified(id, now);
        events.publishEvent(new MemberSignedUp(id, email));
        if (verified) {
            events.publishEvent(new EmailVerified(id, email));
        }
        identities.link(identity.provider(), identity.subject(), id, email, now);
        log.info("Member {} signed up through {}", id, identity.provider());
        return id;
    }

    /** A name from the provider, cleaned and cut to the profile's limit. */
    private static String name(String raw) {
        String s = Text.withoutControlCharacters(Text.clean(raw == null ? "" : raw));
        return s.length() > ProfileRules.NAME_MAX ? s.substring(0, ProfileRules.NAME_MAX).strip() : s;
    }

    private String stamp() {
        byte[] bytes = new byte[12];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Whether the member signs in through a provider or directory (has at least one identity linked). */
    public boolean hasExternalIdentity(long memberId) {
        return identities.hasAny(memberId);
    }
}
