package org.rapport.server.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.rapport.server.system.RapportException;
import org.rapport.server.system.ValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns every exception raised while serving the JSON API into problem+json: Rapport's own
 * conditions with their status and sentence, Spring MVC's (unreadable body, wrong parameter type,
 * unsupported method…) with a readable detail, anything unexpected into a 500 that says nothing
 * about the implementation (the log has the stack trace).
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiErrorHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiErrorHandler.class);

    @ExceptionHandler(RapportException.class)
    ResponseEntity<Object> rapport(RapportException e, HttpServletRequest request) {
        ResponseEntity<Object> response = Problems.response(e);
        ((ProblemDetail) response.getBody()).setInstance(URI.create(request.getRequestURI()));
        return response;
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        if (e.getParameter().hasParameterAnnotation(org.springframework.web.bind.annotation.PathVariable.class)) {
            // Ids are opaque: one that cannot be parsed names nothing.
            return rapport(new org.rapport.server.system.NotFoundException("There is nothing with this id."), request);
        }
        return rapport(new ValidationException(e.getName(),
                "\"" + e.getValue() + "\" is not a valid value for " + e.getName() + "."), request);
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Object> denied(AccessDeniedException e, HttpServletRequest request) {
        ProblemDetail p = Problems.of(403, "forbidden", "Not allowed", "You are not allowed to do this.");
        p.setInstance(URI.create(request.getRequestURI()));
        return ResponseEntity.status(403).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e, HttpServletRequest request) {
        org.rapport.server.system.ServiceUnavailableException unavailable = Unavailable.of(e);
        if (unavailable != null) {
            log.warn("Answered 503 to {} {}: {}", request.getMethod(), request.getRequestURI(), e.toString());
            return rapport(unavailable, request);
        }
        log.error("Unexpected error serving {} {}", request.getMethod(), request.getRequestURI(), e);
        ProblemDetail p = Problems.of(500, "internal", "Something went wrong",
                "The server could not complete this request. It has been logged; please try again.");
        p.setInstance(URI.create(request.getRequestURI()));
        return ResponseEntity.status(500).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof BodyLimitFilter.BodyTooLargeException) {
                return handleExceptionInternal(ex, BodyLimitFilter.tooLarge(), headers, HttpStatusCode.valueOf(413), request);
            }
        }
        String detail = "The request body is not valid JSON for this endpoint.";
        List<ValidationException.FieldError> errors = new ArrayList<>();
        Throwable cause = ex.getCause();
        if (cause instanceof UnrecognizedPropertyException unknown) {
            // A misspelt field silently dropped would look like success: name it instead.
            String field = fieldPath(unknown);
            String message = field + " is not a field of this request.";
            errors.add(new ValidationException.FieldError(field, message));
            detail = message;
        } else if (cause instanceof JacksonException je && !je.getPath().isEmpty()) {
            String field = fieldPath(je);
            String message = cause instanceof StrictJson.UnstorableTextException
                    ? field + " " + je.getOriginalMessage() + "."
                    : cause instanceof tools.jackson.databind.exc.MismatchedInputException mi
                            && mi.getTargetType() == String.class
                    ? field + " must be text (a JSON string)."
                    : field + " has the wrong type or format.";
            errors.add(new ValidationException.FieldError(field, message));
            detail = message;
        } else if (ex.getMessage() != null && ex.getMessage().startsWith("Required request body is missing")) {
            detail = "This endpoint needs a JSON request body.";
        }
        ProblemDetail p = Problems.of(400, errors.isEmpty() ? "malformed-request" : "validation", "Invalid input",
                detail);
        if (!errors.isEmpty()) {
            p.setProperty("errors", errors.stream()
                    .map(fe -> java.util.Map.of("field", fe.field(), "message", fe.message())).toList());
        }
        return handleExceptionInternal(ex, p, headers, HttpStatusCode.valueOf(400), request);
    }

    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(
            org.springframework.web.multipart.MaxUploadSizeExceededException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        ProblemDetail p = Problems.of(413, "file-too-large", "File too large",
                UploadLimitHandler.DETAIL);
        return handleExceptionInternal(ex, p, headers, HttpStatusCode.valueOf(413), request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        List<ValidationException.FieldError> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(fe -> new ValidationException.FieldError(fe.getField(),
                        fe.getDefaultMessage() == null ? "Invalid value." : fe.getDefaultMessage()))
                .toList();
        ProblemDetail p = Problems.validation(errors.isEmpty()
                ? List.of(new ValidationException.FieldError("body", "Invalid request.")) : errors);
        return handleExceptionInternal(ex, p, headers, HttpStatusCode.valueOf(400), request);
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
        if (response != null && response.getBody() instanceof ProblemDetail p) {
            if (p.getType() == null || "about:blank".equals(p.getType().toString())) {
                p.setType(Problems.type(slug(statusCode.value())));
            }
            if (request instanceof ServletWebRequest swr) {
                p.setInstance(URI.create(swr.getRequest().getRequestURI()));
            }
            HttpHeaders h = new HttpHeaders();
            h.putAll(response.getHeaders());
            h.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
            return new ResponseEntity<>(p, h, response.getStatusCode());
        }
        return response;
    }

    private static String fieldPath(JacksonException e) {
        StringBuilder sb = new StringBuilder();
        for (JacksonException.Reference r : e.getPath()) {
            if (r.getPropertyName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(r.getPropertyName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.isEmpty() ? "body" : sb.toString();
    }

    static String slug(int status) {
        return switch (status) {
            case 400 -> "malformed-request";
            case 401 -> "unauthenticated";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 413 -> "too-large";
            case 415 -> "unsupported-media-type";
            case 429 -> "rate-limited";
            default -> status >= 500 ? "internal" : "http-" + status;
        };
    }
}
