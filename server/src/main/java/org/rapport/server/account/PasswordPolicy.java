package org.rapport.server.account;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.nulabinc.zxcvbn.Strength;
import com.nulabinc.zxcvbn.Zxcvbn;

import org.rapport.server.system.ValidationException.Errors;
import org.springframework.stereotype.Component;

/**
 * What a new password must be (issue 16): 8 to 128 characters, not only spaces, not on Rapport's
 * list of common passwords ({@code account/common-passwords.txt}), and not easy to guess by
 * zxcvbn's estimate (score 3 of 4, about 10^10 guesses, counting the member's own address and
 * name as known words). Every refusal says why, with zxcvbn's warning and a suggestion.
 */
@Component
public class PasswordPolicy {

    /** zxcvbn's score a password must reach: 3 is "safely unguessable: moderate protection from offline attacks". */
    static final int MIN_SCORE = 3;

    private final Set<String> common;
    private final Zxcvbn zxcvbn = new Zxcvbn();

    public PasswordPolicy() {
        this.common = load();
    }

    /**
     * Adds to {@code errors} under {@code field} what is wrong with {@code password}, if anything.
     * {@code knownWords} (the address, names) count as words an attacker knows.
     */
    public void check(String password, String field, Errors errors, String... knownWords) {
        if (password == null || password.isEmpty()) {
            errors.add(field, "Password is required.");
        } else if (password.length() < AccountService.PASSWORD_MIN) {
            errors.add(field, "Use at least " + AccountService.PASSWORD_MIN + " characters for the password.");
        } else if (password.length() > AccountService.PASSWORD_MAX) {
            errors.add(field, "The password can be at most " + AccountService.PASSWORD_MAX + " characters.");
        } else if (password.isBlank()) {
            errors.add(field, "The password cannot be only spaces.");
        } else if (common.contains(password.strip().toLowerCase(Locale.ROOT))) {
            errors.add(field, "This is one of the most common passwords, the first any attacker tries. "
                    + "Choose another: a few unusual words together are easy to remember.");
        } else {
            List<String> inputs = new ArrayList<>();
            for (String word : knownWords) {
                if (word != null && !word.isBlank()) {
                    inputs.add(word);
                    if (word.contains("@")) {
                        inputs.add(word.substring(0, word.indexOf('@')));
                    }
                }
            }
            Strength strength = zxcvbn.measure(password, inputs);
            if (strength.getScore() < MIN_SCORE) {
                StringBuilder why = new StringBuilder("This password is too easy to guess.");
                String warning = strength.getFeedback().getWarning();
                if (warning != null && !warning.isBlank()) {
                    why.append(' ').append(warning.strip());
                    if (!warning.strip().endsWith(".")) {
                        why.append('.');
                    }
                }
                List<String> suggestions = strength.getFeedback().getSuggestions();
                why.append(' ').append(suggestions == null || suggestions.isEmpty()
                        ? "Add another word or two; uncommon words are better." : String.join(" ", suggestions));
                errors.add(field, why.toString());
            }
        }
    }

    private static Set<String> load() {
        Set<String> words = new HashSet<>();
        try (InputStream in = PasswordPolicy.class.getResourceAsStream("/account/common-passwords.txt")) {
            if (in == null) {
                throw new IllegalStateException("account/common-passwords.txt is missing from the class path");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String word = line.strip();
                if (!word.isEmpty() && !word.startsWith("#")) {
                    words.add(word.toLowerCase(Locale.ROOT));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(words);
    }
}
