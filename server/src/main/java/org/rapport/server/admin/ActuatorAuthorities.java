package org.rapport.server.admin;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.rapport.server.account.MemberPrincipal;
import org.springframework.core.env.Environment;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives an administrator's request to {@code /actuator/**} the authority {@code ROLE_ADMIN}, so that
 * metrics and health details (which Spring Boot shows by role) are theirs on the main port. Only
 * actuator paths pay for the role lookup; the role is read on every such request, so a demoted
 * administrator loses it at once. A request that came in on the management port
 * ({@code management.server.port}, reachable only where the operator put it) gets the authority
 * without signing in: there everything is open, health details included.
 */
public class ActuatorAuthorities extends OncePerRequestFilter {

    public static final String ADMIN_AUTHORITY = "ROLE_ADMIN";

    private final AdminAccess access;
    private final Environment env;

    public ActuatorAuthorities(AdminAccess access, Environment env) {
        this.access = access;
        this.env = env;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Integer managementPort = env.getProperty("local.management.port", Integer.class);
        if (managementPort != null && managementPort > 0 && request.getLocalPort() == managementPort) {
            var context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("management port", null,
                    List.of(new SimpleGrantedAuthority(ADMIN_AUTHORITY))));
            SecurityContextHolder.setContext(context);
            chain.doFilter(request, response);
            return;
        }
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof MemberPrincipal me && access.role(me.memberId()) == Role.ADMIN) {
            List<GrantedAuthority> authorities = new ArrayList<>(auth.getAuthorities());
            authorities.add(new SimpleGrantedAuthority(ADMIN_AUTHORITY));
            var context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(me, auth.getCredentials(), authorities));
            SecurityContextHolder.setContext(context);
        }
        chain.doFilter(request, response);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/actuator/");
    }
}
