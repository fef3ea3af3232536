package org.rapport.server.system;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Input that breaks a rule, with one message per field (400). Services collect every problem in a
 * {@link Errors} and throw once, so a form shows all its mistakes at the same time.
 */
public class ValidationException extends RapportException {

    public record FieldError(String field, String message) {
        public FieldError {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(message, "message");
        }
    }

    private final List<FieldError> errors;

    public ValidationException(List<FieldError> errors) {
        super("validation", 400, "Invalid input", summary(errors));
        this.errors = List.copyOf(errors);
    }

    public ValidationException(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** The message for one field, or null. */
    public String messageFor(String field) {
        return errors.stream().filter(e -> e.field().equals(field)).map(FieldError::message).findFirst().orElse(null);
    }

    private static String summary(List<FieldError> errors) {
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a validation error needs at least one field error");
        }
        return errors.size() == 1 ? errors.get(0).message() : errors.size() + " fields need attention.";
    }

    /** Collects field errors; {@link #throwIfAny()} at the end. */
    public static final class Errors {
        private final List<FieldError> errors = new ArrayList<>();

        public Errors add(String field, String message) {
            errors.add(new FieldError(field, message));
            return this;
        }

        public boolean has(String field) {
            return errors.stream().anyMatch(e -> e.field().equals(field));
        }

        public boolean isEmpty() {
            return errors.isEmpty();
        }

        public void throwIfAny() {
            if (!errors.isEmpty()) {
                throw new ValidationException(errors);
            }
        }
    }
}
