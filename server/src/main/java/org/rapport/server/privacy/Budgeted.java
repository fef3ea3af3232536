package org.rapport.server.privacy;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a page or API handler that spends one unit of the signed-in member's {@link ReadBudget}
 * before it runs ({@link ReadBudgetInterceptor}); past the budget the request is refused with 429
 * and {@code Retry-After} (a message on pages) and the handler does not run.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Budgeted {
    ReadBudget value();
}
