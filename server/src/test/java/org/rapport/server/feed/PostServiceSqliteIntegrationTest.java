package org.rapport.server.feed;

import org.rapport.server.support.SqliteSpringTest;

@SqliteSpringTest
class PostServiceSqliteIntegrationTest extends PostServiceContract {
}
