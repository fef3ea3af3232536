package org.rapport.server.follow;

import org.rapport.server.support.PostgresSpringTest;

@PostgresSpringTest
class FollowServicePostgresIntegrationTest extends FollowServiceContract {
}
