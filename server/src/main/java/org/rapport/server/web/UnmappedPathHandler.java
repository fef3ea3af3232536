package org.rapport.server.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import tools.jackson.databind.json.JsonMapper;

/**
 * A path nothing is mapped to: a 404 problem under {@code /api/} straight away (not only after
 * the container's error dispatch, which some clients and test harnesses never see), the 404 page
 * elsewhere.
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
}
