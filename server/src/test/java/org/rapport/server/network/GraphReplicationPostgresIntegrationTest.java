package org.rapport.server.network;

import org.rapport.server.support.PostgresSpringTest;

@PostgresSpringTest
class GraphReplicationPostgresIntegrationTest extends GraphReplicationContract {
}
