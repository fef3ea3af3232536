package org.rapport.server.web;

import org.rapport.server.member.MemberSummary;

/**
 * What the layout of every page needs: who is signed in (null on public pages), the badge counts
 * in the top bar (unread notifications, pending invitations, unread messages), the CSRF token for forms, a one-time message from the previous action,
 * whether the member moderates (the top bar's Admin entry), and whether their e-mail address is
 * still unverified (a banner offers to send the link again, issue 16).
 */
public record PageContext(
        MemberSummary me,
        long unreadNotifications,
        long pendingInvitations,
        String csrfParameter,
        String csrfToken,
        String path,
        String flash,
        long unreadMessages,
        boolean moderates,
        boolean emailUnverified) {

    /** A context of a member whose address is verified, or of nobody. */
    public PageContext(MemberSummary me, long unreadNotifications, long pendingInvitations, String csrfParameter,
                       String csrfToken, String path, String flash, long unreadMessages, boolean moderates) {
        this(me, unreadNotifications, pendingInvitations, csrfParameter, csrfToken, path, flash, unreadMessages,
                moderates, false);
    }

    public boolean signedIn() {
        return me != null;
    }

    /** True when the current path is in the given section (for the top bar's current item). */
    public boolean in(String section) {
        return path != null && (path.equals(section) || path.startsWith(section + "/"));
    }
}
