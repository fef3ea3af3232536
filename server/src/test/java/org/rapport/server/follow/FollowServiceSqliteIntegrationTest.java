package org.rapport.server.follow;

import org.rapport.server.support.SqliteSpringTest;

@SqliteSpringTest
class FollowServiceSqliteIntegrationTest extends FollowServiceContract {
}
