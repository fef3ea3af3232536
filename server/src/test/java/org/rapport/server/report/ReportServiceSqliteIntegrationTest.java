package org.rapport.server.report;

import org.rapport.server.support.SqliteSpringTest;

@SqliteSpringTest
class ReportServiceSqliteIntegrationTest extends ReportServiceContract {
}
