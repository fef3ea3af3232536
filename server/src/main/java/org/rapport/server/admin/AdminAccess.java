package org.rapport.server.admin;

import org.rapport.server.member.MemberRepository;
import org.springframework.stereotype.Component;

/**
 * Who may use the administration: every {@code /admin} path asks here first. To a member (or a
 * suspended moderator, who cannot get this far) there is nothing there: 404, as for an unknown path.
 */
@Component
public class AdminAccess {

    private final AdminRepository repository;
    private final MemberRepository members;

    AdminAccess(AdminRepository repository, MemberRepository members) {
        this.repository = repository;
        this.members = members;
    }

    /** The member's role (MEMBER for an unknown id). */
    public Role role(long memberId) {
        return repository.role(memberId);
    }

    /** A moderator or administrator, or 404. */
    public Actor moderator(long memberId) {
        Role role = repository.role(memberId);
        if (!role.moderates()) {
            throw new AdminExceptions.NotAdministrationException();
        }
        return new Actor(memberId, role, label(memberId));
    }

    /** An administrator; 403 for a moderator, 404 for a member. */
    public Actor admin(long memberId) {
        Actor actor = moderator(memberId);
        if (!actor.isAdmin()) {
            throw new AdminExceptions.AdministratorsOnlyException();
        }
        return actor;
    }

    private String label(long memberId) {
        return members.findById(memberId).map(m -> "member " + m.id() + " (" + m.name() + " <" + m.email() + ">)")
                .orElse("member " + memberId);
    }
}
