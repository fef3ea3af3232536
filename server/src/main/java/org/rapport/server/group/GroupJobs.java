package org.rapport.server.group;

import java.time.Duration;

import org.rapport.server.cluster.ClusterJobs;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** The groups' background job, run by one node of the cluster each round: the 14-day purge of posts pending approval. */
@Component
@ConditionalOnBooleanProperty(name = "rapport.scheduling.enabled", matchIfMissing = true)
class GroupJobs {

    private final GroupService groups;
    private final ClusterJobs jobs;

    private final Duration every;

    GroupJobs(GroupService groups, ClusterJobs jobs, @Value("${rapport.groups.purge-interval:PT1H}") Duration every) {
        this.groups = groups;
        this.jobs = jobs;
        this.every = every;
    }

    @Scheduled(fixedDelayString = "${rapport.groups.purge-interval:PT1H}", initialDelayString = "PT1M")
    void purge() {
        jobs.runOnce("groups.purge-pending-posts", every, groups::purgePendingPosts);
    }
}
