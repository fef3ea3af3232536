package org.rapport.server.support;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs PostgreSQL suites when the server is reachable. Without it they are skipped with the reason,
 * except under {@code CI=true}, where they run and fail loudly.
 */
public final class RequiresPostgres implements ExecutionCondition {

    private static volatile String reason;
    private static volatile boolean checked;

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (!checked) {
            reason = PostgresTestDatabase.unavailableReason();
            checked = true;
        }
        if (reason == null) {
            return ConditionEvaluationResult.enabled("PostgreSQL is reachable");
        }
        if (Environment.ci()) {
            return ConditionEvaluationResult.enabled("CI=true: PostgreSQL suites must run (" + reason + ")");
        }
        return ConditionEvaluationResult.disabled("Skipped: " + reason + ". Start PostgreSQL or set CI=true to require it.");
    }
}
