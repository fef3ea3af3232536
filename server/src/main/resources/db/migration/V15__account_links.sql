-- Issue 16: single-use links mailed to a member (password reset, e-mail verification, an
-- imported member claiming their account). Only the SHA-256 digest of a
-- link's token is stored, so the table cannot be used to take an account over. A link is used
-- once (used_at) and lapses at expires_at; deleting the member deletes their links.
CREATE TABLE account_links (
    token_hash TEXT   PRIMARY KEY,
    member_id  BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    purpose    TEXT   NOT NULL CHECK (purpose IN ('PASSWORD_RESET', 'VERIFY_EMAIL', 'CLAIM_ACCOUNT')),
    -- VERIFY_EMAIL: the address the link verifies (it verifies nothing once the member changed it).
    email      TEXT,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at    BIGINT,
    CHECK (expires_at > created_at)
);
CREATE INDEX account_links_member ON account_links (member_id, purpose);

-- When the member proved they receive mail at their address (NULL: not yet). Invitations sent to
-- an address, and address-book matches, attach to a member only once it is verified. Existing
-- members start unverified: nothing proved the address was theirs.
ALTER TABLE members ADD COLUMN email_verified_at BIGINT;

-- Two-factor sign-in (TOTP, RFC 6238). totp_secret is set when set-up starts and kept while it is
-- on; totp_enabled_at says it is on (set once a code from the app confirmed it); totp_last_step
-- is the time step of the last code accepted, so a code cannot be used twice.
ALTER TABLE members ADD COLUMN totp_secret TEXT;
ALTER TABLE members ADD COLUMN totp_enabled_at BIGINT;
ALTER TABLE members ADD COLUMN totp_last_step BIGINT;

-- One-time recovery codes of a member with two-factor sign-in on, stored as SHA-256 digests.
CREATE TABLE recovery_codes (
    member_id BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    code_hash TEXT   NOT NULL,
    used_at   BIGINT,
    PRIMARY KEY (member_id, code_hash)
);
