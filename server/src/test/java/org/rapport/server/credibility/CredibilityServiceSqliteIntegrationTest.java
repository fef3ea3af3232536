package org.rapport.server.credibility;

import org.rapport.server.support.SqliteSpringTest;

@SqliteSpringTest
class CredibilityServiceSqliteIntegrationTest extends CredibilityServiceContract {
}
