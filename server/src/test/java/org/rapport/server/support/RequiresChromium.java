package org.rapport.server.support;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs browser suites when Chromium and chromedriver are installed. Without them they are skipped
 * with the reason, except under {@code CI=true}, where they run and fail loudly.
 */
public final class RequiresChromium implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String reason = Browsers.unavailableReason();
        if (reason == null) {
            return ConditionEvaluationResult.enabled("Chromium and chromedriver are installed");
        }
        if (Environment.ci()) {
            return ConditionEvaluationResult.enabled("CI=true: browser suites must run (" + reason + ")");
        }
        return ConditionEvaluationResult.disabled("Skipped: " + reason
                + ". Install them (apt-get install chromium chromium-driver) or set CI=true to require them.");
    }
}
