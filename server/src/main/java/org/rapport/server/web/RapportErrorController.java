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
    Object error(HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response) {
        // A filter's failure (the bearer-token or session lookup) while the database is away:
        // the same 503 with Retry-After as a controller's, not a 500.
        Object thrown = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        org.rapport.server.system.ServiceUnavailableException unavailable =
                thrown instanceof Throwable t ? Unavailable.of(t) : null;
        if (unavailable != null) {
            String at = (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
            String path = at == null ? request.getRequestURI() : at;
            response.setHeader(org.springframework.http.HttpHeaders.RETRY_AFTER,
                    Long.toString(unavailable.retryAfterSeconds()));
            if (path.startsWith(request.getContextPath() + "/api/")) {
                ProblemDetail p = Problems.of(unavailable);
                p.setInstance(java.net.URI.create(path));
                return ResponseEntity.status(503).header(org.springframework.http.HttpHeaders.RETRY_AFTER,
                                Long.toString(unavailable.retryAfterSeconds()))
                        .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
            }
            return ErrorPages.page(contexts.withoutDatabase(request), 503, unavailable.title(), unavailable.detail());
        }
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
        return ErrorPages.page(contexts.ofOrWithoutDatabase(request), status, ErrorPages.title(status),
                ErrorPages.detail(status));
    }
}
