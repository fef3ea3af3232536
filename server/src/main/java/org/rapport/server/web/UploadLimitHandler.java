package org.rapport.server.web;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.ModelAndView;

/**
 * An upload past the multipart limit. The servlet finds out while it reads the request, before
 * it has chosen a controller, so the advice of the API and of the pages (each tied to its own
 * controllers) does not apply: this one, tied to none, answers with a 413 problem under
 * {@code /api/} and the 413 page elsewhere. A multipart body it cannot parse at all is a 400 the
 * same way.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class UploadLimitHandler {

    static final String DETAIL = "The file is larger than this server accepts (20 MB). Split it, or export fewer contacts at once.";

    private final PageContexts contexts;

    UploadLimitHandler(PageContexts contexts) {
        this.contexts = contexts;
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    Object tooLarge(HttpServletRequest request) {
        if (Problems.isApi(request)) {
            return ResponseEntity.status(413).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(Problems.of(413, "file-too-large", "File too large", DETAIL));
        }
        return ErrorPages.page(contexts.of(request), 413, "File too large", DETAIL);
    }

    /** A multipart body the container cannot read (a NUL in a file name, a broken boundary): a 400. */
    @ExceptionHandler(MultipartException.class)
    Object unreadable(HttpServletRequest request) {
        String detail = "The upload could not be read as multipart/form-data (a file name with a NUL character, or a"
                + " broken part). Send the file again as the \"file\" part.";
        if (Problems.isApi(request)) {
            return ResponseEntity.status(400).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(Problems.of(400, "malformed-upload", "Invalid upload", detail));
        }
        return ErrorPages.page(contexts.of(request), 400, ErrorPages.title(400), detail);
    }
}
