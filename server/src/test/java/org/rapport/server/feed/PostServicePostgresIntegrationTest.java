package org.rapport.server.feed;

import org.rapport.server.support.PostgresSpringTest;

@PostgresSpringTest
class PostServicePostgresIntegrationTest extends PostServiceContract {
}
