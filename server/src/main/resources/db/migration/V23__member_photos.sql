-- Issue 18: profile photos. Each member has at most one photo, stored re-encoded (JPEG, square,
-- metadata stripped) in two sizes. The bytes live in the database, not the data directory, so
-- that every node of a cluster serves them, a backup holds them and an erasure removes them with
-- the member (ON DELETE CASCADE). members.photo repeats the fingerprint so that every list that
-- reads a member's name also knows, without a join, whether there is a photo and its address.
CREATE TABLE member_photos (
    member_id   BIGINT NOT NULL PRIMARY KEY REFERENCES members (id) ON DELETE CASCADE,
    fingerprint TEXT NOT NULL CHECK (length(fingerprint) BETWEEN 8 AND 64),
    large       ${blob_type} NOT NULL,
    small       ${blob_type} NOT NULL,
    large_size  INTEGER NOT NULL CHECK (large_size > 0),
    small_size  INTEGER NOT NULL CHECK (small_size > 0),
    created_at  BIGINT NOT NULL
);

ALTER TABLE members ADD COLUMN photo TEXT;
