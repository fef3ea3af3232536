package org.rapport.server.web;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses a query string that is not percent-encoded UTF-8 ({@code ?q=%FF}, a truncated
 * {@code %C3}, an encoded surrogate) with a 400, before anything reads a parameter: Tomcat would
 * throw from the first {@code getParameter}, wherever that is, and the request would end as a 500.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class QueryStringFilter extends OncePerRequestFilter {

    static final String DETAIL = "The query string is not valid: each %-escape must be two hex digits and, together, UTF-8 text.";

    private final JsonMapper json;

    QueryStringFilter(JsonMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String query = request.getQueryString();
        if (query != null && !isUtf8(query)) {
            if (Problems.isApi(request)) {
                Problems.write(request, response, Problems.of(400, "malformed-request", "Invalid input", DETAIL), json);
            } else {
                response.sendError(HttpServletResponse.SC_BAD_REQUEST);
            }
            return;
        }
        chain.doFilter(request, response);
    }

    /** True when every escape of {@code query} is well formed and the bytes they spell are UTF-8. */
    static boolean isUtf8(String query) {
        if (query.indexOf('%') < 0) {
            return true;
        }
        ByteBuffer bytes = ByteBuffer.allocate(query.length() * 4);
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            if (c == '%') {
                if (i + 2 >= query.length()) {
                    return false;
                }
                int hi = Character.digit(query.charAt(i + 1), 16);
                int lo = Character.digit(query.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return false;
                }
                bytes.put((byte) (hi * 16 + lo));
                i += 2;
            } else {
                bytes.put(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        bytes.flip();
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes);
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
