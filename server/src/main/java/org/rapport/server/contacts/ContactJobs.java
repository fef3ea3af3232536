package org.rapport.server.contacts;

import java.time.Duration;

import org.rapport.server.cluster.ClusterJobs;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The contacts' background jobs, each run by one node of the cluster per round: giving up on
 * imports a stopped node left processing, and forgetting contacts whose time is up (E6).
 */
@Component
@ConditionalOnBooleanProperty(name = "rapport.scheduling.enabled", matchIfMissing = true)
class ContactJobs {

    private final ContactService contacts;
    private final ClusterJobs jobs;

    ContactJobs(ContactService contacts, ClusterJobs jobs) {
        this.contacts = contacts;
        this.jobs = jobs;
    }

    @Scheduled(fixedDelayString = "PT5M", initialDelayString = "PT1M")
    void abandonStaleImports() {
        jobs.runOnce("contacts.abandon-stale-imports", Duration.ofMinutes(5), contacts::abandonStaleImports);
    }

    @Scheduled(fixedDelayString = "PT6H", initialDelayString = "PT5M")
    void deleteExpired() {
        jobs.runOnce("contacts.delete-expired", Duration.ofHours(6), contacts::deleteExpired);
    }
}
