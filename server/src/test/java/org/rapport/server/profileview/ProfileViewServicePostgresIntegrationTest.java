package org.rapport.server.profileview;

import org.rapport.server.support.PostgresSpringTest;

@PostgresSpringTest
class ProfileViewServicePostgresIntegrationTest extends ProfileViewServiceContract {
}
