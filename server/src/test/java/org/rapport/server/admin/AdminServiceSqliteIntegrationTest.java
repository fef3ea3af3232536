package org.rapport.server.admin;

import org.rapport.server.support.SqliteSpringTest;

@SqliteSpringTest
class AdminServiceSqliteIntegrationTest extends AdminServiceContract {
}
