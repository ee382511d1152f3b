package io.sipdrill.chaos.fault.container;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/**
 * Runs a test class only when a Docker daemon answers, and says why not otherwise: a machine
 * without Docker skips the container faults' tests, it does not fail them.
 */
final class DockerAvailable implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (DockerClientFactory.instance().isDockerAvailable()) {
            return ConditionEvaluationResult.enabled("a Docker daemon answers");
        }
        String reason = "no Docker daemon answers (DOCKER_HOST, /var/run/docker.sock): " + context.getDisplayName() + " skipped";
        System.err.println(reason);
        return ConditionEvaluationResult.disabled(reason);
    }
}
