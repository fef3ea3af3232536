package org.rapport.server.invitation;

import org.rapport.server.support.SqliteSpringTest;

@SqliteSpringTest
class InvitationQuotaSqliteIntegrationTest extends InvitationQuotaContract {
}
