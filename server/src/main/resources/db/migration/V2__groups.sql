-- Groups (the base a later feature builds on) and the record of operator imports (E7).
-- Portable between SQLite and PostgreSQL; ${id_pk} is set by DatabaseConfiguration.

-- A group is a community members join: LinkedIn-like, with an owner, managers and members.
-- external_id is the id a bulk import brought it with (an LDBC forum id), unique when present.
CREATE TABLE groups (
    id          ${id_pk},
    name        TEXT    NOT NULL,
    description TEXT    NOT NULL DEFAULT '',
    rules       TEXT    NOT NULL DEFAULT '',
    visibility  TEXT    NOT NULL DEFAULT 'PUBLIC',
    listed      BOOLEAN NOT NULL DEFAULT TRUE,
    owner_id    BIGINT  REFERENCES members (id) ON DELETE SET NULL,
    external_id TEXT,
    created_at  BIGINT  NOT NULL,
    CHECK (visibility IN ('PUBLIC', 'MEMBERS_ONLY')),
    CHECK (length(name) > 0)
);
CREATE UNIQUE INDEX groups_external_id_uq ON groups (external_id) WHERE external_id IS NOT NULL;
-- Serves ON DELETE SET NULL when an owner deletes their account, and "groups I own".
CREATE INDEX groups_owner ON groups (owner_id);

CREATE TABLE group_members (
    group_id  BIGINT NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    member_id BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    role      TEXT   NOT NULL DEFAULT 'MEMBER',
    joined_at BIGINT NOT NULL,
    PRIMARY KEY (group_id, member_id),
    CHECK (role IN ('OWNER', 'MANAGER', 'MEMBER'))
);
CREATE INDEX group_members_member ON group_members (member_id, group_id);

-- One row per completed bulk import (./rapport import). An import gives its members consecutive
-- ids, first_member_id..last_member_id (NULL when it added none), so an operator can find, or
-- delete, what one import brought. summary is the JSON the command printed.
CREATE TABLE imports (
    id              ${id_pk},
    format          TEXT   NOT NULL,
    source          TEXT   NOT NULL,
    started_at      BIGINT NOT NULL,
    finished_at     BIGINT NOT NULL,
    members         BIGINT NOT NULL,
    connections     BIGINT NOT NULL,
    groups_added    BIGINT NOT NULL,
    first_member_id BIGINT,
    last_member_id  BIGINT,
    summary         TEXT   NOT NULL,
    CHECK (format IN ('LDBC', 'SNAP', 'CSV')),
    CHECK (finished_at >= started_at),
    CHECK ((first_member_id IS NULL AND last_member_id IS NULL)
        OR (first_member_id IS NOT NULL AND last_member_id >= first_member_id))
);
