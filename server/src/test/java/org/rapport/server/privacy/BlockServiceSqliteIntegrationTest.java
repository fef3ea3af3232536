package org.rapport.server.privacy;

import org.rapport.server.support.SqliteSpringTest;

@SqliteSpringTest
class BlockServiceSqliteIntegrationTest extends BlockServiceContract {
}
