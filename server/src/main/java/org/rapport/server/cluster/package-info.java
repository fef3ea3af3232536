/**
 * What several nodes on one PostgreSQL database share besides the graph (K7): messages between
 * nodes over LISTEN/NOTIFY ({@link org.rapport.server.cluster.ClusterBus}) and scheduled jobs that
 * run once across the cluster ({@link org.rapport.server.cluster.ClusterJobs}, ShedLock). Features
 * use these; this package knows no feature.
 */
package org.rapport.server.cluster;
