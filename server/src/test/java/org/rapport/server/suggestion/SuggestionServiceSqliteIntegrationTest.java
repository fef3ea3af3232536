package org.rapport.server.suggestion;

import org.rapport.server.support.SqliteSpringTest;

@SqliteSpringTest
class SuggestionServiceSqliteIntegrationTest extends SuggestionServiceContract {
}
