package org.rapport.server.web;

import java.util.regex.Pattern;

import org.springframework.beans.propertyeditors.CustomNumberEditor;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * Whole numbers in paths and query parameters are read only in their one canonical spelling:
 * ASCII digits, no sign but an optional minus, no leading zero (issue 19). Spring's default
 * ({@code Long.decode}) also takes {@code +1}, {@code 0001}, {@code 0x10} and digits of other
 * scripts ({@code ١}, {@code １}), so one member had countless addresses; now those are a type
 * mismatch: 404 for an id in a path (it names nothing), 400 for a parameter. A property editor,
 * not a converter, because the binder falls back to its default editors when a converter fails.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class CanonicalNumbers {

    private static final Pattern CANONICAL = Pattern.compile("-?(0|[1-9][0-9]{0,18})");

    @InitBinder
    void canonicalWholeNumbers(WebDataBinder binder) {
        binder.registerCustomEditor(long.class, new Editor(Long.class, false));
        binder.registerCustomEditor(Long.class, new Editor(Long.class, true));
        binder.registerCustomEditor(int.class, new Editor(Integer.class, false));
        binder.registerCustomEditor(Integer.class, new Editor(Integer.class, true));
    }

    static boolean canonical(String s) {
        return CANONICAL.matcher(s).matches();
    }

    static final class Editor extends CustomNumberEditor {

        private final boolean allowEmpty;

        Editor(Class<? extends Number> type, boolean allowEmpty) {
            super(type, allowEmpty);
            this.allowEmpty = allowEmpty;
        }

        @Override
        public void setAsText(String text) {
            if (text != null && !(allowEmpty && text.isEmpty()) && !canonical(text)) {
                throw new IllegalArgumentException("not a whole number in canonical form");
            }
            super.setAsText(text);
        }
    }
}
