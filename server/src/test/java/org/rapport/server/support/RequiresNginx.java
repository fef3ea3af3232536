package org.rapport.server.support;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs reverse-proxy suites when nginx and openssl are installed. Without them they are skipped
 * with the reason, except under {@code CI=true}, where they run and fail loudly
 * ({@code .ci/run} installs nginx).
 */
public final class RequiresNginx implements ExecutionCondition {

    public static final Path NGINX = Path.of("/usr/sbin/nginx");
    public static final Path OPENSSL = Path.of("/usr/bin/openssl");

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String reason = !Files.isExecutable(NGINX) ? NGINX + " is missing"
                : !Files.isExecutable(OPENSSL) ? OPENSSL + " is missing" : null;
        if (reason == null) {
            return ConditionEvaluationResult.enabled("nginx and openssl are installed");
        }
        if (Environment.ci()) {
            return ConditionEvaluationResult.enabled("CI=true: reverse-proxy suites must run (" + reason + ")");
        }
        return ConditionEvaluationResult.disabled("Skipped: " + reason
                + ". Install it (apt-get install nginx openssl) or set CI=true to require it.");
    }
}
