package org.rapport.server.contacts;

import org.rapport.server.support.PostgresSpringTest;

@PostgresSpringTest
class ContactPrivacyPostgresIntegrationTest extends ContactPrivacyContract {
}
