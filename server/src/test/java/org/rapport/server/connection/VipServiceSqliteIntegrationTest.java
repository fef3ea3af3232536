package org.rapport.server.connection;

import org.rapport.server.support.SqliteSpringTest;

@SqliteSpringTest
class VipServiceSqliteIntegrationTest extends VipServiceContract {
}
