package org.rapport.server.group;

import org.rapport.server.support.PostgresSpringTest;

@PostgresSpringTest
class GroupServicePostgresIntegrationTest extends GroupServiceContract {
}
