package org.rapport.server.search;

import org.rapport.server.support.PostgresSpringTest;

@PostgresSpringTest
class PeopleSearchServicePostgresIntegrationTest extends PeopleSearchServiceContract {
}
