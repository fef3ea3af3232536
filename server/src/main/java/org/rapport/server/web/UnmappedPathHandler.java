package org.rapport.server.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import tools.jackson.databind.json.JsonMapper;

/**
 * A path nothing is mapped to: a 404 problem under {@code /api/} straight away (not only after
 * the container's error dispatch, which some clients and test harnesses never see), the 404 page
 * elsewhere. Likewise a 406 for an address that answers only a file type.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class UnmappedPathHandler {

    private final JsonMapper json;

    UnmappedPathHandler(JsonMapper json) {
        this.json = json;
    }

    @ExceptionHandler(NoResourceFoundException.class)
    void notFound(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (Problems.isApi(request)) {
            Problems.write(request, response, Problems.of(404, "not-found", "Not found",
                    "Nothing in the API answers at this address."), json);
        } else {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
        }
    }

    /**
     * An address that answers only a file type (the CSV and vCard exports) asked for JSON: a 406
     * problem written straight out, since content negotiation would refuse to write JSON here too.
     */
    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    void notAcceptable(HttpMediaTypeNotAcceptableException e, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (Problems.isApi(request)) {
            String offered = e.getSupportedMediaTypes().isEmpty() ? "another type"
                    : e.getSupportedMediaTypes().stream().map(Object::toString).collect(java.util.stream.Collectors.joining(", "));
            Problems.write(request, response, Problems.of(406, "not-acceptable", "Not acceptable",
                    "This address answers " + offered + " only: send that in Accept (or use GET /api/v1/me/export for JSON)."),
                    json);
        } else {
            response.sendError(HttpServletResponse.SC_NOT_ACCEPTABLE);
        }
    }
}
