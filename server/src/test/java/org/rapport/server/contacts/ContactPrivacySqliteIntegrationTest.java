package org.rapport.server.contacts;

import org.rapport.server.support.SqliteSpringTest;

@SqliteSpringTest
class ContactPrivacySqliteIntegrationTest extends ContactPrivacyContract {
}
