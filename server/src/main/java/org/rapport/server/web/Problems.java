package org.rapport.server.web;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.rapport.server.system.RapportException;
import org.rapport.server.system.RateLimitException;
import org.rapport.server.system.ServiceUnavailableException;
import org.rapport.server.system.ValidationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import tools.jackson.databind.json.JsonMapper;

/**
 * RFC 9457 problem details as the API returns them: a stable {@code type} per condition
 * ({@code /problems/<slug>}), a {@code title}, the {@code status}, a {@code detail} a person can read,
 * and for invalid input an {@code errors} list of {@code {field, message}}.
 */
public final class Problems {

    private Problems() {
    }

    public static URI type(String slug) {
        return URI.create("/problems/" + slug);
    }

    public static ProblemDetail of(int status, String slug, String title, String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(status), detail);
        p.setType(type(slug));
        p.setTitle(title);
        return p;
    }

    public static ProblemDetail of(RapportException e) {
        ProblemDetail p = of(e.status(), e.type(), e.title(), e.detail());
        if (e instanceof ValidationException v) {
            p.setProperty("errors", v.errors().stream()
                    .map(fe -> Map.of("field", fe.field(), "message", fe.message())).toList());
        }
        return p;
    }

    public static ProblemDetail validation(List<ValidationException.FieldError> errors) {
        return of(new ValidationException(errors));
    }

    public static ResponseEntity<Object> response(RapportException e) {
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(e.status())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (e instanceof RateLimitException r) {
            builder.header(HttpHeaders.RETRY_AFTER, Long.toString(r.retryAfterSeconds()));
        } else if (e instanceof ServiceUnavailableException u) {
            builder.header(HttpHeaders.RETRY_AFTER, Long.toString(u.retryAfterSeconds()));
        }
        return builder.body(of(e));
    }

    /** Writes a problem straight to the response (for filters and entry points, outside MVC). */
    public static void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem,
                             JsonMapper json) throws IOException {
        if (problem.getInstance() == null) {
            problem.setInstance(URI.create(request.getRequestURI()));
        }
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), problem);
    }

    public static boolean isApi(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String ctx = request.getContextPath();
        return uri.startsWith(ctx + "/api/");
    }
}
