package org.rapport.server.web;

import org.rapport.server.support.SqliteSpringTest;

@SqliteSpringTest
class HostileInputSqliteApiIntegrationTest extends HostileInputApiContract {
}
