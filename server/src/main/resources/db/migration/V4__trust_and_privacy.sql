-- Trust and privacy (B2–B6, I1, I2, I5).

-- A block hides two members from each other everywhere; one row per blocker and blocked member.
CREATE TABLE blocks (
    blocker_id BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    blocked_id BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (blocker_id, blocked_id),
    CHECK (blocker_id <> blocked_id)
);
CREATE INDEX blocks_blocked ON blocks (blocked_id, blocker_id);

-- Who may send me invitations (I2) and what an invitation must have to reach my list (B6);
-- invitations that do not pass go to a separate list (invitations.filtered_reason).
ALTER TABLE members ADD COLUMN invitations_from TEXT NOT NULL DEFAULT 'ANYONE'
    CHECK (invitations_from IN ('ANYONE', 'EMAIL_OR_CONTACTS', 'CONTACTS'));
ALTER TABLE members ADD COLUMN require_note BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE members ADD COLUMN require_shared BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE members ADD COLUMN second_degree_only BOOLEAN NOT NULL DEFAULT FALSE;
-- What members out of my network (beyond 3rd degree, and never blocked ones) see of my profile.
ALTER TABLE members ADD COLUMN profile_visibility TEXT NOT NULL DEFAULT 'EVERYONE'
    CHECK (profile_visibility IN ('EVERYONE', 'NETWORK'));

ALTER TABLE invitations ADD COLUMN filtered_reason TEXT;
CREATE INDEX invitations_sender_created ON invitations (sender_id, created_at);
