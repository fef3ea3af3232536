package org.rapport.server.privacy;

import org.rapport.server.support.SqliteSpringTest;

@SqliteSpringTest
class HiddenConnectionsSqliteIntegrationTest extends HiddenConnectionsContract {
}
