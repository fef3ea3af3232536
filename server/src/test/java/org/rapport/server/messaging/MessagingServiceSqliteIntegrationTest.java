package org.rapport.server.messaging;

import org.rapport.server.support.SqliteSpringTest;

@SqliteSpringTest
class MessagingServiceSqliteIntegrationTest extends MessagingServiceContract {
}
