package org.rapport.server.network;

import org.rapport.server.support.SqliteSpringTest;

@SqliteSpringTest
class GraphReplicationSqliteIntegrationTest extends GraphReplicationContract {
}
