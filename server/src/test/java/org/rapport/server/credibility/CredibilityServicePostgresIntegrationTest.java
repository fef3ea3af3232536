package org.rapport.server.credibility;

import org.rapport.server.support.PostgresSpringTest;

@PostgresSpringTest
class CredibilityServicePostgresIntegrationTest extends CredibilityServiceContract {
}
