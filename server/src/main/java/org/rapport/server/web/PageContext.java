package org.rapport.server.web;

import org.rapport.server.member.MemberSummary;

/**
 * What the layout of every page needs: who is signed in (null on public pages), the badge counts
 * in the top bar (unread notifications, pending invitations, unread messages), the CSRF token for forms, a one-time message from the previous action,
 * and whether the member moderates (the top bar's Admin entry).
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
        boolean moderates) {

    public boolean signedIn() {
        return me != null;
    }

    /** True when the current path is in the given section (for the top bar's current item). */
    public boolean in(String section) {
        return path != null && (path.equals(section) || path.startsWith(section + "/"));
    }
}
