package org.rapport.server.system;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Background jobs (invitation expiry); off for one-shot CLI commands. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnBooleanProperty(name = "rapport.scheduling.enabled", matchIfMissing = true)
class SchedulingConfiguration {
}
