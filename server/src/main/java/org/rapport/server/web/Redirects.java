package org.rapport.server.web;

import jakarta.servlet.http.HttpServletRequest;

/** Where a page action may send the browser next: only paths on this site. */
public final class Redirects {

    private Redirects() {
    }

    /** The path if it is local ("/network"), else null; "//evil.example" and "https://…" are refused. */
    public static String local(String path) {
        if (path == null || !path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")
                || path.length() > 500 || path.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return null;
        }
        return path;
    }

    public static String localOr(String path, String fallback) {
        String p = local(path);
        return p == null ? fallback : p;
    }

    /** True for requests htmx made (they get a fragment instead of a redirect). */
    public static boolean isHtmx(HttpServletRequest request) {
        return "true".equals(request.getHeader("HX-Request"));
    }
}
