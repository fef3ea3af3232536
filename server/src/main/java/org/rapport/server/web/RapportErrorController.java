package org.rapport.server.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Where the servlet container sends errors no controller handled (an unknown address, a method
 * not allowed, an oversized upload): problem+json under {@code /api/}, an error page elsewhere.
 */
@Controller
class RapportErrorController implements ErrorController {

    private final PageContexts contexts;

    RapportErrorController(PageContexts contexts) {
        this.contexts = contexts;
    }

    @RequestMapping("/error")
    Object error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : 500;
        if (status < 400) {
            status = 500;
        }
        String uri = (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (uri == null) {
            uri = request.getRequestURI();
        }
        if (uri.startsWith(request.getContextPath() + "/api/") || uri.startsWith(request.getContextPath() + "/v3/")) {
            ProblemDetail p = Problems.of(status, ApiErrorHandler.slug(status), ErrorPages.title(status),
                    ErrorPages.detail(status));
            p.setInstance(java.net.URI.create(uri));
            return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
        }
        return ErrorPages.page(contexts.of(request), status, ErrorPages.title(status), ErrorPages.detail(status));
    }
}
