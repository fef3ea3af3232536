package org.rapport.server.connection;

import org.rapport.server.support.PostgresSpringTest;

@PostgresSpringTest
class VipServicePostgresIntegrationTest extends VipServiceContract {
}
