-- Groups (G3, G4) on top of V2's groups and group_members: settings, join requests, invitations,
-- bans, discussions, notifications about a group, and "fellow group members may message me".
-- Portable between SQLite and PostgreSQL; ${id_pk} is set by DatabaseConfiguration.

-- post_approval: new posts by members wait for an owner or manager (PENDING) before others see them.
ALTER TABLE groups ADD COLUMN post_approval BOOLEAN NOT NULL DEFAULT FALSE;

-- At most one owner per group (groups.owner_id says who; this row gives them the role).
CREATE UNIQUE INDEX group_members_one_owner ON group_members (group_id) WHERE role = 'OWNER';
-- The member directory, newest first: one index range per page.
CREATE INDEX group_members_directory ON group_members (group_id, joined_at, member_id);

-- A member asking to join a members-only group, waiting for an owner or manager.
CREATE TABLE group_requests (
    group_id   BIGINT NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    member_id  BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (group_id, member_id)
);
CREATE INDEX group_requests_member ON group_requests (member_id, group_id);
CREATE INDEX group_requests_list ON group_requests (group_id, created_at, member_id);

-- A member invited by a connection who belongs to the group, waiting for the invitee's answer.
CREATE TABLE group_invitations (
    group_id   BIGINT NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    member_id  BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    inviter_id BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (group_id, member_id),
    CHECK (member_id <> inviter_id)
);
CREATE INDEX group_invitations_member ON group_invitations (member_id, created_at, group_id);
CREATE INDEX group_invitations_inviter ON group_invitations (inviter_id);

-- A member an owner or manager blocked from the group: they cannot join, ask or be invited again.
CREATE TABLE group_bans (
    group_id  BIGINT NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    member_id BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    banned_by BIGINT REFERENCES members (id) ON DELETE SET NULL,
    banned_at BIGINT NOT NULL,
    PRIMARY KEY (group_id, member_id)
);
CREATE INDEX group_bans_member ON group_bans (member_id, group_id);
CREATE INDEX group_bans_by ON group_bans (banned_by);

-- Discussions: posts (PUBLISHED, or PENDING approval; pending ones older than 14 days are purged)
-- and their comments. Text is stored as written and escaped wherever shown.
CREATE TABLE group_posts (
    id         ${id_pk},
    group_id   BIGINT NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    author_id  BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    body       TEXT   NOT NULL,
    status     TEXT   NOT NULL,
    created_at BIGINT NOT NULL,
    CHECK (status IN ('PUBLISHED', 'PENDING')),
    CHECK (length(body) > 0)
);
CREATE INDEX group_posts_group ON group_posts (group_id, status, created_at, id);
CREATE INDEX group_posts_author ON group_posts (author_id);
CREATE INDEX group_posts_pending ON group_posts (created_at) WHERE status = 'PENDING';

CREATE TABLE group_comments (
    id         ${id_pk},
    post_id    BIGINT NOT NULL REFERENCES group_posts (id) ON DELETE CASCADE,
    author_id  BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    body       TEXT   NOT NULL,
    created_at BIGINT NOT NULL,
    CHECK (length(body) > 0)
);
CREATE INDEX group_comments_post ON group_comments (post_id, id);
CREATE INDEX group_comments_author ON group_comments (author_id);

-- Notifications about a group (invited, request approved, a post awaiting approval).
ALTER TABLE notifications ADD COLUMN group_id BIGINT REFERENCES groups (id) ON DELETE CASCADE;
CREATE INDEX notifications_group ON notifications (group_id);

-- Who may message me (G2), the middle level: besides connections, fellow members of a group I am
-- in, as message requests. messages_from = 'ANYONE' includes them; with 'CONNECTIONS' this column
-- says whether fellow group members may write (GROUP_MEMBERS) or not (CONNECTIONS).
ALTER TABLE members ADD COLUMN messages_from_groups BOOLEAN NOT NULL DEFAULT TRUE;
