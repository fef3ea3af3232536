package org.rapport.server.web;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.rapport.server.account.MemberPrincipal;
import org.rapport.server.invitation.InvitationService;
import org.rapport.server.member.Member;
import org.rapport.server.member.MemberRepository;
import org.rapport.server.member.MemberSummary;
import org.rapport.server.messaging.MessagingService;
import org.rapport.server.notification.NotificationService;
import org.rapport.server.system.SiteIdentity;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.RequestContextUtils;

/** Builds the {@link PageContext} of a request: three small counts, two primary-key lookups and the site settings. */
@Component
public class PageContexts {

    private final MemberRepository members;
    private final NotificationService notifications;
    private final InvitationService invitations;
    private final MessagingService messaging;
    private final org.rapport.server.admin.AdminAccess admin;
    private final org.rapport.server.account.EmailVerifications verifications;
    private final SiteIdentity site;

    PageContexts(MemberRepository members, NotificationService notifications, InvitationService invitations,
                 MessagingService messaging, org.rapport.server.admin.AdminAccess admin,
                 org.rapport.server.account.EmailVerifications verifications, SiteIdentity site) {
        this.verifications = verifications;
        this.site = site;
        this.admin = admin;
        this.messaging = messaging;
        this.members = members;
        this.notifications = notifications;
        this.invitations = invitations;
    }

    public PageContext of(HttpServletRequest request) {
        return of(request, currentPrincipal());
    }

    public PageContext of(HttpServletRequest request, MemberPrincipal me) {
        CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        Map<String, ?> flashMap = RequestContextUtils.getInputFlashMap(request);
        String flash = flashMap == null ? null : (String) flashMap.get("flash");
        MemberSummary summary = null;
        long unread = 0;
        long pending = 0;
        long messages = 0;
        boolean moderates = false;
        boolean unverified = false;
        if (me != null) {
            summary = members.findById(me.memberId()).map(Member::summary).orElse(null);
            if (summary != null) {
                unread = notifications.unreadCount(me.memberId());
                pending = invitations.receivedCount(me.memberId());
                messages = messaging.unreadCount(me.memberId());
                moderates = admin.role(me.memberId()).moderates();
                unverified = !verifications.isVerified(me.memberId());
            }
        }
        return new PageContext(summary, unread, pending,
                csrf == null ? "_csrf" : csrf.getParameterName(),
                csrf == null ? "" : csrf.getToken(),
                request.getRequestURI(),
                flash, messages, moderates, unverified, site.siteName());
    }

    /** A context that reads nothing from the database: for error pages while it is away. */
    public PageContext withoutDatabase(HttpServletRequest request) {
        CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        return new PageContext(null, 0, 0,
                csrf == null ? "_csrf" : csrf.getParameterName(),
                csrf == null ? "" : csrf.getToken(),
                request.getRequestURI(), null, 0, false, false, "Rapport");
    }

    /** {@link #of(HttpServletRequest)}, or {@link #withoutDatabase} when the database cannot be read. */
    public PageContext ofOrWithoutDatabase(HttpServletRequest request) {
        try {
            return of(request);
        } catch (org.springframework.dao.DataAccessException | org.springframework.transaction.TransactionException e) {
            return withoutDatabase(request);
        }
    }

    static MemberPrincipal currentPrincipal() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || auth instanceof AnonymousAuthenticationToken) {
            return null;
        }
        return auth.getPrincipal() instanceof MemberPrincipal p ? p : null;
    }
}
