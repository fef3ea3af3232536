package org.rapport.server.account;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.rapport.server.web.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import tools.jackson.databind.json.JsonMapper;

/**
 * Authenticates API requests that carry {@code Authorization: Bearer <token>}. An unknown or
 * expired token leaves the request anonymous, so protected endpoints answer 401.
 */
class BearerTokenFilter extends OncePerRequestFilter {

    static final List<SimpleGrantedAuthority> MEMBER = List.of(new SimpleGrantedAuthority("ROLE_MEMBER"));

    private final AccountService accounts;
    private final JsonMapper json;

    BearerTokenFilter(AccountService accounts, JsonMapper json) {
        this.accounts = accounts;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String token = bearer(request);
        if (token != null) {
            Optional<MemberPrincipal> resolved;
            try {
                resolved = accounts.authenticateToken(token);
            } catch (AccountSuspendedException e) {
                Problems.write(request, response, Problems.of(e), json);
                return;
            }
            if (resolved.isPresent()) {
                var auth = UsernamePasswordAuthenticationToken.authenticated(resolved.get(), token, MEMBER);
                // A context of its own: never write into one that may be a page session's.
                SecurityContext context = SecurityContextHolder.createEmptyContext();
                context.setAuthentication(auth);
                SecurityContextHolder.setContext(context);
            }
        }
        chain.doFilter(request, response);
    }

    static String bearer(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || header.length() < 8 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = header.substring(7).strip();
        return token.isEmpty() ? null : token;
    }
}
