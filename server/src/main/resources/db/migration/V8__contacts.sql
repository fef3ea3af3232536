-- Contacts and portability (E1–E6).

-- Server secrets generated on first use and shared by every node (the contact hashing key).
CREATE TABLE secrets (
    name       TEXT   PRIMARY KEY,
    value      TEXT   NOT NULL,
    created_at BIGINT NOT NULL
);

-- One uploaded address book (or another network's export) of a member, and how its processing went.
CREATE TABLE contact_imports (
    id          ${id_pk},
    member_id   BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    format      TEXT   NOT NULL,
    file_name   TEXT   NOT NULL,
    status      TEXT   NOT NULL,
    rows_read   BIGINT NOT NULL DEFAULT 0,
    imported    BIGINT NOT NULL DEFAULT 0,
    skipped     BIGINT NOT NULL DEFAULT 0,
    matched     BIGINT NOT NULL DEFAULT 0,
    report      TEXT   NOT NULL DEFAULT '',
    created_at  BIGINT NOT NULL,
    finished_at BIGINT,
    CHECK (status IN ('PROCESSING', 'DONE', 'FAILED'))
);
CREATE INDEX contact_imports_member ON contact_imports (member_id, created_at);

-- A contact as its owner uploaded it. The e-mail address is kept only as a keyed hash (to match
-- members and later sign-ups) and sealed (encrypted with the server key, for the owner's own
-- view and e-mail invitations); handles likewise as keyed hashes. Contacts who are not members
-- expire (expires_at); matched ones stay while the import does.
CREATE TABLE contacts (
    id                ${id_pk},
    member_id         BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    import_id         BIGINT NOT NULL REFERENCES contact_imports (id) ON DELETE CASCADE,
    display_name      TEXT   NOT NULL DEFAULT '',
    email_hash        TEXT,
    email_sealed      TEXT,
    handle_hash       TEXT,
    handle_label      TEXT,
    matched_member_id BIGINT REFERENCES members (id) ON DELETE SET NULL,
    created_at        BIGINT NOT NULL,
    expires_at        BIGINT,
    CHECK (email_hash IS NOT NULL OR handle_hash IS NOT NULL OR length(display_name) > 0)
);
CREATE INDEX contacts_member ON contacts (member_id, id);
CREATE INDEX contacts_import ON contacts (import_id);
CREATE INDEX contacts_email_hash ON contacts (email_hash) WHERE email_hash IS NOT NULL;
CREATE INDEX contacts_handle_hash ON contacts (handle_hash) WHERE handle_hash IS NOT NULL;
CREATE INDEX contacts_matched ON contacts (matched_member_id, member_id) WHERE matched_member_id IS NOT NULL;
CREATE INDEX contacts_expiry ON contacts (expires_at) WHERE expires_at IS NOT NULL;

-- An invitation by e-mail to someone who is not a member yet (E3). Only the keyed hash of the
-- address stays once the message is sent; a sign-up with that address turns it into an ordinary
-- pending invitation.
CREATE TABLE email_invitations (
    id            ${id_pk},
    sender_id     BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    email_hash    TEXT   NOT NULL,
    note          TEXT,
    status        TEXT   NOT NULL,
    created_at    BIGINT NOT NULL,
    expires_at    BIGINT NOT NULL,
    invitation_id BIGINT REFERENCES invitations (id) ON DELETE SET NULL,
    CHECK (status IN ('SENT', 'CONVERTED', 'EXPIRED'))
);
CREATE UNIQUE INDEX email_invitations_open_uq ON email_invitations (sender_id, email_hash) WHERE status = 'SENT';
CREATE INDEX email_invitations_hash ON email_invitations (email_hash) WHERE status = 'SENT';
CREATE INDEX email_invitations_sender ON email_invitations (sender_id, created_at);

-- E6: whether members who merely have my address may be shown me as a suggestion, and E5:
-- whether my connections' exports include my e-mail address.
ALTER TABLE members ADD COLUMN suggest_to_contacts BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE members ADD COLUMN share_email_with_connections BOOLEAN NOT NULL DEFAULT FALSE;
