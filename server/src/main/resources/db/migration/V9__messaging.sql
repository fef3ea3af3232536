-- Messaging (G1, G2): one conversation per pair of members, its messages, and each member's side
-- of it (where it sorts in their list, how far they have read).

-- One row per unordered pair, like connections: member_lo < member_hi, so a pair can never have
-- two conversations. status: OPEN (between connections), ACCEPTED (a message request the
-- recipient accepted: both may write whatever their connection), REQUEST (a non-connection wrote
-- and waits for the recipient; requester_id wrote), DECLINED (the recipient declined at
-- declined_at; the requester may ask again three weeks later). Deleting either member deletes
-- the conversation and its messages.
CREATE TABLE conversations (
    id              ${id_pk},
    member_lo       BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    member_hi       BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    status          TEXT   NOT NULL,
    requester_id    BIGINT REFERENCES members (id) ON DELETE CASCADE,
    declined_at     BIGINT,
    created_at      BIGINT NOT NULL,
    last_message_at BIGINT NOT NULL,
    CHECK (member_lo < member_hi),
    CHECK (status IN ('OPEN', 'ACCEPTED', 'REQUEST', 'DECLINED')),
    CHECK (status NOT IN ('REQUEST', 'DECLINED') OR requester_id IS NOT NULL),
    CHECK (status <> 'DECLINED' OR declined_at IS NOT NULL)
);
CREATE UNIQUE INDEX conversations_pair ON conversations (member_lo, member_hi);
CREATE INDEX conversations_other ON conversations (member_hi, member_lo);

-- Each member's side of a conversation: the list is one index range on (member_id,
-- last_message_at, conversation_id); last_read_id is the newest message they have read.
CREATE TABLE conversation_members (
    conversation_id BIGINT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    member_id       BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    other_id        BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    last_message_at BIGINT NOT NULL,
    last_read_id    BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (member_id, conversation_id),
    CHECK (member_id <> other_id)
);
CREATE INDEX conversation_members_list ON conversation_members (member_id, last_message_at, conversation_id);
CREATE INDEX conversation_members_conversation ON conversation_members (conversation_id, member_id);
CREATE INDEX conversation_members_other ON conversation_members (other_id, member_id);

-- Messages as written (escaped wherever shown). messages_sender serves the rate limit.
CREATE TABLE messages (
    id              ${id_pk},
    conversation_id BIGINT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    sender_id       BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    body            TEXT   NOT NULL,
    created_at      BIGINT NOT NULL,
    CHECK (length(body) > 0)
);
CREATE INDEX messages_conversation ON messages (conversation_id, id);
CREATE INDEX messages_sender ON messages (sender_id, created_at);

-- Who may message me: CONNECTIONS (default) or ANYONE (an open profile; non-connections arrive
-- as message requests).
ALTER TABLE members ADD COLUMN messages_from TEXT NOT NULL DEFAULT 'CONNECTIONS'
    CHECK (messages_from IN ('CONNECTIONS', 'ANYONE'));
