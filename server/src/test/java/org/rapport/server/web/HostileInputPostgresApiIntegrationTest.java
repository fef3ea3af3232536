package org.rapport.server.web;

import org.rapport.server.support.PostgresSpringTest;

@PostgresSpringTest
class HostileInputPostgresApiIntegrationTest extends HostileInputApiContract {
}
