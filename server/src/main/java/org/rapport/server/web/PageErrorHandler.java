package org.rapport.server.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.rapport.server.system.RapportException;
import org.rapport.server.system.RateLimitException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;

/**
 * Errors raised by page controllers become an error page that says what happened in plain words,
 * with the right status. Expected form mistakes never get here: controllers show them inline.
 */
@ControllerAdvice(annotations = PageController.class)
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class PageErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(PageErrorHandler.class);

    private final PageContexts contexts;

    PageErrorHandler(PageContexts contexts) {
        this.contexts = contexts;
    }

    @ExceptionHandler(RapportException.class)
    ModelAndView rapport(RapportException e, HttpServletRequest request, HttpServletResponse response) {
        if (e instanceof RateLimitException r) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(r.retryAfterSeconds()));
        } else if (e instanceof org.rapport.server.system.ServiceUnavailableException u) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(u.retryAfterSeconds()));
        }
        return ErrorPages.page(e.status() == 503 ? contexts.withoutDatabase(request) : contexts.ofOrWithoutDatabase(request),
                e.status(), e.title(), e.detail());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ModelAndView badParameter(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        return ErrorPages.page(contexts.of(request), 404, "Page not found",
                "This address does not lead anywhere. Check the link, or start again from your home page.");
    }

    @ExceptionHandler(Exception.class)
    ModelAndView unexpected(Exception e, HttpServletRequest request, HttpServletResponse response) throws Exception {
        org.rapport.server.system.ServiceUnavailableException unavailable = Unavailable.of(e);
        if (unavailable != null) {
            log.warn("Answered 503 to page {} {}: {}", request.getMethod(), request.getRequestURI(), e.toString());
            return rapport(unavailable, request, response);
        }
        if (e instanceof org.springframework.web.context.request.async.AsyncRequestNotUsableException
                || e instanceof org.springframework.web.ErrorResponse
                || e instanceof org.springframework.security.access.AccessDeniedException
                || e instanceof org.springframework.security.core.AuthenticationException) {
            throw e;
        }
        log.error("Unexpected error serving page {} {}", request.getMethod(), request.getRequestURI(), e);
        return ErrorPages.page(contexts.ofOrWithoutDatabase(request), 500, "Something went wrong",
                "We could not show this page. The problem has been logged; please try again in a moment.");
    }
}
