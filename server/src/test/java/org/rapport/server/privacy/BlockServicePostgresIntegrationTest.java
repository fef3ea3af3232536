package org.rapport.server.privacy;

import org.rapport.server.support.PostgresSpringTest;

@PostgresSpringTest
class BlockServicePostgresIntegrationTest extends BlockServiceContract {
}
