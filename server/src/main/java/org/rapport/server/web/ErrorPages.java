package org.rapport.server.web;

import java.util.Map;

import org.springframework.http.HttpStatusCode;
import org.springframework.web.servlet.ModelAndView;

/** The error page: a status, a title and one plain sentence. */
final class ErrorPages {

    private ErrorPages() {
    }

    static ModelAndView page(PageContext ctx, int status, String title, String detail) {
        ModelAndView mav = new ModelAndView("pages/error",
                Map.of("ctx", ctx, "status", status, "title", title, "detail", detail));
        mav.setStatus(HttpStatusCode.valueOf(status));
        return mav;
    }

    static String title(int status) {
        return switch (status) {
            case 400 -> "That request did not make sense";
            case 401 -> "Please sign in";
            case 403 -> "Not allowed";
            case 404 -> "Page not found";
            case 405 -> "Not allowed here";
            case 413 -> "Too large";
            case 429 -> "Slow down";
            default -> status >= 500 ? "Something went wrong" : "Something is not right";
        };
    }

    static String detail(int status) {
        return switch (status) {
            case 400 -> "The page received something it could not understand. Go back and try again.";
            case 403 -> "You cannot do this. If you were signed out, sign in and try again.";
            case 404 -> "This address does not lead anywhere. Check the link, or start again from your home page.";
            case 405 -> "This address cannot be used this way.";
            case 413 -> "What you sent is larger than this server accepts (files up to 20 MB). Split it, or send less at once.";
            case 429 -> "Too many requests in a short time. Wait a moment and try again.";
            default -> status >= 500
                    ? "We could not show this page. The problem has been logged; please try again in a moment."
                    : "Go back and try again.";
        };
    }
}
