-- Issue 16, single sign-on: the identities of an organisation's identity provider (OpenID Connect)
-- or directory (LDAP) that sign a member in. One row per (provider, subject): the provider's
-- stable id of the person ("sub", or the directory entry's DN), never the e-mail address, which
-- the person may change at the provider. A member may hold several; deleting the member deletes
-- them. email is the address the provider gave when the identity was linked (shown in the export).
CREATE TABLE external_identities (
    provider     TEXT   NOT NULL,
    subject      TEXT   NOT NULL,
    member_id    BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    email        TEXT,
    linked_at    BIGINT NOT NULL,
    last_used_at BIGINT NOT NULL,
    PRIMARY KEY (provider, subject),
    CHECK (length(provider) > 0 AND length(subject) > 0),
    CHECK (last_used_at >= linked_at)
);
CREATE INDEX external_identities_member ON external_identities (member_id, provider);
