package org.rapport.server.invitation;

import java.time.Duration;

import org.rapport.server.cluster.ClusterJobs;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** The invitations' background job, run by one node of the cluster each round: the expiry sweep (A5). */
@Component
@ConditionalOnBooleanProperty(name = "rapport.scheduling.enabled", matchIfMissing = true)
class InvitationJobs {

    private final InvitationService invitations;
    private final ClusterJobs jobs;

    private final Duration every;

    InvitationJobs(InvitationService invitations, ClusterJobs jobs,
                   @Value("${rapport.invitations.expiry-sweep-interval:PT1H}") Duration every) {
        this.invitations = invitations;
        this.jobs = jobs;
        this.every = every;
    }

    @Scheduled(fixedDelayString = "${rapport.invitations.expiry-sweep-interval:PT1H}", initialDelayString = "PT1M")
    void expire() {
        jobs.runOnce("invitations.expire", every, invitations::expireDue);
    }
}
