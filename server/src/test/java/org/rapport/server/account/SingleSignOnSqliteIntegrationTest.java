package org.rapport.server.account;

import org.rapport.server.support.SqliteSpringTest;

@SqliteSpringTest
class SingleSignOnSqliteIntegrationTest extends SingleSignOnContract {
}
