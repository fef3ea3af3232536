-- Issue 17: running a community. Roles, suspensions, the audit log, site settings and reports.

-- MEMBER (everyone), MODERATOR (reports, suspensions), ADMIN (everything, including roles).
ALTER TABLE members ADD COLUMN role TEXT NOT NULL DEFAULT 'MEMBER' CHECK (role IN ('MEMBER', 'MODERATOR', 'ADMIN'));
-- A member is suspended while suspended_until (epoch millis) is in the future; an open-ended
-- suspension holds the largest BIGINT. NULL: never suspended, or lifted.
ALTER TABLE members ADD COLUMN suspended_until BIGINT;
ALTER TABLE members ADD COLUMN suspension_reason TEXT;
CREATE INDEX members_role ON members (role) WHERE role <> 'MEMBER';
CREATE INDEX members_suspended ON members (suspended_until) WHERE suspended_until IS NOT NULL;

-- Every administrative action. No foreign keys: the log outlives the members it names, so it
-- keeps their id and a label (name and address) as they were.
CREATE TABLE audit_log (
    id         ${id_pk},
    at         BIGINT NOT NULL,
    actor_id   BIGINT NOT NULL,
    actor      TEXT   NOT NULL,
    action     TEXT   NOT NULL,
    subject    TEXT   NOT NULL,
    reason     TEXT   NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_at ON audit_log (at, id);

-- Site settings an administrator changes at run time (sign-up policy, site name, public URL).
CREATE TABLE site_settings (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Reports of members and content, and their resolution by a moderator.
CREATE TABLE reports (
    id                ${id_pk},
    reporter_id       BIGINT REFERENCES members (id) ON DELETE SET NULL,
    subject_type      TEXT   NOT NULL,
    subject_id        BIGINT NOT NULL,
    -- whose member or content it is, and what it said, as the reporter saw it
    subject_member_id BIGINT,
    excerpt           TEXT   NOT NULL DEFAULT '',
    reason            TEXT   NOT NULL,
    details           TEXT   NOT NULL DEFAULT '',
    status            TEXT   NOT NULL DEFAULT 'OPEN',
    created_at        BIGINT NOT NULL,
    resolved_at       BIGINT,
    resolved_by       BIGINT,
    outcome           TEXT,
    note              TEXT,
    CHECK (subject_type IN ('MEMBER', 'POST', 'MESSAGE', 'GROUP', 'GROUP_POST', 'GROUP_COMMENT', 'INVITATION')),
    CHECK (reason IN ('SPAM', 'HARASSMENT', 'IMPERSONATION', 'INAPPROPRIATE', 'OTHER')),
    CHECK (status IN ('OPEN', 'RESOLVED')),
    CHECK (outcome IS NULL OR outcome IN ('DISMISS', 'REMOVE_CONTENT', 'WARN', 'SUSPEND_MEMBER')),
    CHECK ((status = 'OPEN') = (outcome IS NULL))
);
CREATE INDEX reports_status ON reports (status, created_at, id);
CREATE INDEX reports_subject ON reports (subject_type, subject_id);
CREATE INDEX reports_reporter ON reports (reporter_id, created_at);
