package org.rapport.server.account;

import org.rapport.server.support.PostgresSpringTest;

@PostgresSpringTest
class SingleSignOnPostgresIntegrationTest extends SingleSignOnContract {
}
