package org.rapport.server.suggestion;

import org.rapport.server.support.PostgresSpringTest;

@PostgresSpringTest
class SuggestionServicePostgresIntegrationTest extends SuggestionServiceContract {
}
