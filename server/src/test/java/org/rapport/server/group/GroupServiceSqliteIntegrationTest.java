package org.rapport.server.group;

import org.rapport.server.support.SqliteSpringTest;

@SqliteSpringTest
class GroupServiceSqliteIntegrationTest extends GroupServiceContract {
}
