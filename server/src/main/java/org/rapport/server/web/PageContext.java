package org.rapport.server.web;

import org.rapport.server.member.MemberSummary;

/**
 * What the layout of every page needs: who is signed in (null on public pages), the badge counts
 * in the top bar (unread notifications, pending invitations, unread messages), the CSRF token for forms, a one-time message from the previous action,
 * whether the member moderates (the top bar's Admin entry), whether their e-mail address is
 * still unverified (a banner offers to send the link again, issue 16), and the site's name from
 * the site settings (the title, the logo and the footer).
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
        boolean emailUnverified,
        String siteName) {

    public boolean signedIn() {
        return me != null;
    }

    /** The logo's letter: the first letter of the site's name. */
    public String siteInitial() {
        return siteName == null || siteName.isEmpty() ? "R"
                : new String(Character.toChars(Character.toUpperCase(siteName.codePointAt(0))));
    }

    /** True when the current path is in the given section (for the top bar's current item). */
    public boolean in(String section) {
        return path != null && (path.equals(section) || path.startsWith(section + "/"));
    }
}
