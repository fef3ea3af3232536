package org.rapport.server.messaging;

import org.rapport.server.support.PostgresSpringTest;

@PostgresSpringTest
class MessagingServicePostgresIntegrationTest extends MessagingServiceContract {
}
