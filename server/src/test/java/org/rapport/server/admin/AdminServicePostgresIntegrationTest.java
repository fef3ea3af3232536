package org.rapport.server.admin;

import org.rapport.server.support.PostgresSpringTest;

@PostgresSpringTest
class AdminServicePostgresIntegrationTest extends AdminServiceContract {
}
