package org.rapport.server.report;

import org.rapport.server.support.PostgresSpringTest;

@PostgresSpringTest
class ReportServicePostgresIntegrationTest extends ReportServiceContract {
}
