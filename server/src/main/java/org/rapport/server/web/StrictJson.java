package org.rapport.server.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.module.SimpleModule;

/**
 * How JSON text becomes a Java {@code String} everywhere the application reads JSON (issue 19):
 * only a JSON string does, never a number, a boolean, an object or an array (Jackson would turn
 * {@code 123} into {@code "123"}); and never one holding NUL (PostgreSQL cannot store it) or a
 * lone surrogate (no UTF-8 encoding exists for it: SQLite kept a {@code ?}, Argon2 failed). Either
 * is a 400 naming the field ({@link ApiErrorHandler}), before any service sees the request.
 */
@Configuration(proxyBeanMethods = false)
class StrictJson {

    @Bean
    JacksonModule strictStrings() {
        return new SimpleModule("rapport-strict-strings").addDeserializer(String.class, new StrictStringDeserializer());
    }

    /** A string that is valid JSON but not storable text. */
    static final class UnstorableTextException extends MismatchedInputException {

        UnstorableTextException(JsonParser p, String message) {
            super(p, message, String.class);
        }
    }

    static final class StrictStringDeserializer extends StdScalarDeserializer<String> {

        StrictStringDeserializer() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                throw MismatchedInputException.from(p, String.class, "must be a JSON string");
            }
            String s = p.getString();
            String problem = problem(s);
            if (problem != null) {
                throw new UnstorableTextException(p, problem);
            }
            return s;
        }

        /** Why {@code s} cannot be stored, or null when it can. */
        static String problem(String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '\u0000') {
                    return "cannot contain the NUL character";
                }
                if (Character.isHighSurrogate(c)) {
                    if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                        i++;
                        continue;
                    }
                    return "contains a broken character (a lone surrogate)";
                }
                if (Character.isLowSurrogate(c)) {
                    return "contains a broken character (a lone surrogate)";
                }
            }
            return null;
        }
    }
}
