package org.rapport.server.web;

import jakarta.servlet.http.HttpServletRequest;

import org.rapport.server.account.MemberPrincipal;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Adds {@link PageContext} as {@code ctx} to the model of every page. */
@ControllerAdvice(annotations = PageController.class)
class PageContextAdvice {

    private final PageContexts contexts;

    PageContextAdvice(PageContexts contexts) {
        this.contexts = contexts;
    }

    @ModelAttribute("ctx")
    PageContext pageContext(HttpServletRequest request, @AuthenticationPrincipal MemberPrincipal me) {
        return contexts.of(request, me);
    }
}
