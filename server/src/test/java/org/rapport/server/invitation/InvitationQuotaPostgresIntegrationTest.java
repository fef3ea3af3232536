package org.rapport.server.invitation;

import org.rapport.server.support.PostgresSpringTest;

@PostgresSpringTest
class InvitationQuotaPostgresIntegrationTest extends InvitationQuotaContract {
}
