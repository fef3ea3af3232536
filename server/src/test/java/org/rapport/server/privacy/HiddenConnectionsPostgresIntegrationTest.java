package org.rapport.server.privacy;

import org.rapport.server.support.PostgresSpringTest;

@PostgresSpringTest
class HiddenConnectionsPostgresIntegrationTest extends HiddenConnectionsContract {
}
