package org.rapport.server.profileview;

import org.rapport.server.support.SqliteSpringTest;

@SqliteSpringTest
class ProfileViewServiceSqliteIntegrationTest extends ProfileViewServiceContract {
}
