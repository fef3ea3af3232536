package org.rapport.server.search;

import org.rapport.server.support.SqliteSpringTest;

@SqliteSpringTest
class PeopleSearchServiceSqliteIntegrationTest extends PeopleSearchServiceContract {
}
