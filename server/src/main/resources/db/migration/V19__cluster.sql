-- Several nodes behave as one (issue 20, K7). The same DDL serves SQLite and PostgreSQL; on SQLite
-- (one node by construction) the tables are used by the same code but nobody else reads them.

-- ShedLock: one row per scheduled job; a node runs the job only while it holds the row's lock,
-- so each job runs once across the cluster per interval (ShedLock's JdbcTemplateLockProvider).
CREATE TABLE shedlock (
    name       VARCHAR(64)  NOT NULL PRIMARY KEY,
    lock_until TIMESTAMP    NOT NULL,
    locked_at  TIMESTAMP    NOT NULL,
    locked_by  VARCHAR(255) NOT NULL
);

-- Every e-mail digest, claimed before it is sent: the claim (one row per member and period, the
-- primary key) is what makes a digest go out once however many nodes look for due digests at the
-- same time, and what lets a node that crashed mid-send send the same digest again (with the same
-- Message-ID) instead of a second one.
CREATE TABLE digest_deliveries (
    member_id    BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    period_start BIGINT NOT NULL,
    period_end   BIGINT NOT NULL,
    status       TEXT   NOT NULL,
    message_id   TEXT   NOT NULL,
    node_id      TEXT   NOT NULL,
    claimed_at   BIGINT NOT NULL,
    sent_at      BIGINT,
    PRIMARY KEY (member_id, period_start),
    CHECK (status IN ('SENDING', 'SENT', 'EMPTY', 'FAILED'))
);
CREATE INDEX digest_deliveries_sending ON digest_deliveries (status, claimed_at);

-- The people-search change log: a row per member whose searchable profile changed (edit,
-- sign-up, deletion, ...), written in the transaction that changes it. Every node's index reads
-- the rows newer than what it applied (woken by NOTIFY, or every poll interval) and re-reads those
-- members, so an edit made through one node is found by a search on any other. Re-reading is
-- idempotent: a row applied twice, or late, is harmless.
CREATE TABLE search_changes (
    id         ${id_pk},
    member_id  BIGINT NOT NULL,
    node_id    TEXT   NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX search_changes_created ON search_changes (created_at);

-- Live events too large for a NOTIFY payload (8000 bytes) travel through this table: the NOTIFY
-- carries only the row's id. Rows are deleted after a few minutes.
CREATE TABLE cluster_messages (
    id         ${id_pk},
    payload    TEXT   NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX cluster_messages_created ON cluster_messages (created_at);

-- Spring Session JDBC: browser sessions in the shared database (used on PostgreSQL, see
-- account.SessionStoreConfiguration), so a member stays signed in whichever node answers.
CREATE TABLE spring_session (
    primary_id            CHAR(36)     NOT NULL PRIMARY KEY,
    session_id            CHAR(36)     NOT NULL,
    creation_time         BIGINT       NOT NULL,
    last_access_time      BIGINT       NOT NULL,
    max_inactive_interval INT          NOT NULL,
    expiry_time           BIGINT       NOT NULL,
    principal_name        VARCHAR(100)
);
CREATE UNIQUE INDEX spring_session_ix1 ON spring_session (session_id);
CREATE INDEX spring_session_ix2 ON spring_session (expiry_time);
CREATE INDEX spring_session_ix3 ON spring_session (principal_name);

CREATE TABLE spring_session_attributes (
    session_primary_id CHAR(36)     NOT NULL REFERENCES spring_session (primary_id) ON DELETE CASCADE,
    attribute_name     VARCHAR(200) NOT NULL,
    attribute_bytes    ${blob_type} NOT NULL,
    PRIMARY KEY (session_primary_id, attribute_name)
);
