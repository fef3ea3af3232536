-- Credibility (H1-H3): skill endorsements, written recommendations and introductions through a
-- mutual connection. Every row names two or three members who were connected when it was made;
-- removing the connection or a block deletes what the pair had (CredibilityCleanup, in the same
-- transaction), and deleting a member deletes everything naming them.

-- H1: one row per (endorsed member, skill, endorser). skill_key is member_skills.name_key, so an
-- endorsement follows the skill however its owner re-spells it; hidden ones are kept for their
-- owner and not shown to anyone else.
CREATE TABLE endorsements (
    member_id   BIGINT  NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    skill_key   TEXT    NOT NULL,
    endorser_id BIGINT  NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    hidden      BOOLEAN NOT NULL DEFAULT FALSE,
    created_at  BIGINT  NOT NULL,
    PRIMARY KEY (member_id, skill_key, endorser_id),
    CHECK (member_id <> endorser_id),
    CHECK (length(skill_key) > 0)
);
CREATE INDEX endorsements_endorser ON endorsements (endorser_id, member_id);

-- Members who do not want to be endorsed (a row means "off"); their endorsements are kept but
-- shown to nobody else until they turn endorsements back on.
CREATE TABLE endorsement_opt_outs (
    member_id  BIGINT NOT NULL PRIMARY KEY REFERENCES members (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL
);

-- H2: at most one recommendation per (author, recipient). status: REQUESTED (the recipient asked,
-- nothing written yet), PENDING (written, waiting for the recipient's approval), APPROVED (shown
-- on the recipient's profile), HIDDEN (approved, then hidden by the recipient), REVISION (the
-- recipient asked the author to revise; not shown). The position is a copy of the recipient's
-- company and title when it was chosen (profile rows are rewritten on every edit).
CREATE TABLE recommendations (
    id               ${id_pk},
    author_id        BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    recipient_id     BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    position_company TEXT   NOT NULL,
    position_title   TEXT   NOT NULL DEFAULT '',
    request_note     TEXT,
    revision_note    TEXT,
    body             TEXT,
    status           TEXT   NOT NULL,
    created_at       BIGINT NOT NULL,
    updated_at       BIGINT NOT NULL,
    CHECK (author_id <> recipient_id),
    CHECK (status IN ('REQUESTED', 'PENDING', 'APPROVED', 'HIDDEN', 'REVISION')),
    CHECK (status = 'REQUESTED' OR body IS NOT NULL)
);
CREATE UNIQUE INDEX recommendations_pair ON recommendations (author_id, recipient_id);
CREATE INDEX recommendations_recipient ON recommendations (recipient_id, status, updated_at);
CREATE INDEX recommendations_author ON recommendations (author_id, status, updated_at);

-- H3: the requester asks the intermediary (connected to both) to introduce them to the target.
-- status: PENDING, FORWARDED (the intermediary sent it on: invitation_id is the invitation from
-- the requester to the target that carries it), DECLINED. created_at serves the monthly
-- allowance (introductions_requester).
CREATE TABLE introductions (
    id                ${id_pk},
    requester_id      BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    intermediary_id   BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    target_id         BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    reason            TEXT   NOT NULL,
    intermediary_note TEXT,
    status            TEXT   NOT NULL,
    invitation_id     BIGINT REFERENCES invitations (id) ON DELETE SET NULL,
    created_at        BIGINT NOT NULL,
    responded_at      BIGINT,
    CHECK (requester_id <> intermediary_id AND requester_id <> target_id AND intermediary_id <> target_id),
    CHECK (status IN ('PENDING', 'FORWARDED', 'DECLINED')),
    CHECK (status = 'PENDING' OR responded_at IS NOT NULL),
    CHECK (length(reason) > 0)
);
CREATE UNIQUE INDEX introductions_pending_pair ON introductions (requester_id, target_id) WHERE status = 'PENDING';
CREATE INDEX introductions_requester ON introductions (requester_id, created_at);
CREATE INDEX introductions_intermediary ON introductions (intermediary_id, status, created_at);
CREATE INDEX introductions_target ON introductions (target_id);
CREATE INDEX introductions_invitation ON introductions (invitation_id);
