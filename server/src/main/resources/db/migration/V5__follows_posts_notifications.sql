-- Following, updates, VIPs and notification preferences (F1–F3, A7).

-- Connections follow each other without a row here (the graph says who is connected), so a
-- network of millions of connections needs no millions of follow rows. follows holds the
-- follows of members who are not connected; unfollowed_connections the connections who chose
-- not to follow each other. The service keeps both free of rows that contradict the graph: a
-- connection made or removed deletes the pair's rows in both.
CREATE TABLE follows (
    follower_id BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    followee_id BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    created_at  BIGINT NOT NULL,
    PRIMARY KEY (follower_id, followee_id),
    CHECK (follower_id <> followee_id)
);
CREATE INDEX follows_followee ON follows (followee_id, follower_id);

CREATE TABLE unfollowed_connections (
    member_id  BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    muted_id   BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (member_id, muted_id),
    CHECK (member_id <> muted_id)
);
CREATE INDEX unfollowed_connections_muted ON unfollowed_connections (muted_id, member_id);

-- Profile settings: Follow as the main button instead of Connect; who may follow me.
ALTER TABLE members ADD COLUMN follow_primary BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE members ADD COLUMN followers_from TEXT NOT NULL DEFAULT 'EVERYONE'
    CHECK (followers_from IN ('EVERYONE', 'CONNECTIONS'));
ALTER TABLE members ADD COLUMN email_digest TEXT NOT NULL DEFAULT 'OFF'
    CHECK (email_digest IN ('OFF', 'DAILY', 'WEEKLY'));
ALTER TABLE members ADD COLUMN digest_sent_at BIGINT;

-- Updates. fanned_out: delivered into followers' feed_items when posted (authors with a small
-- audience); false for authors past the fan-out threshold, whose posts readers merge in.
-- reach: how many members the update was delivered to when it was posted.
CREATE TABLE posts (
    id         ${id_pk},
    author_id  BIGINT  NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    body       TEXT    NOT NULL,
    visibility TEXT    NOT NULL,
    fanned_out BOOLEAN NOT NULL,
    reach      BIGINT  NOT NULL DEFAULT 0,
    created_at BIGINT  NOT NULL,
    edited_at  BIGINT,
    CHECK (visibility IN ('ANYONE', 'CONNECTIONS')),
    CHECK (length(body) > 0)
);
CREATE INDEX posts_author ON posts (author_id, created_at, id);
CREATE INDEX posts_not_fanned_out ON posts (author_id, created_at, id) WHERE fanned_out = FALSE;

-- A member's feed for posts that were fanned out on write.
CREATE TABLE feed_items (
    member_id  BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    post_id    BIGINT NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    author_id  BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (member_id, post_id)
);
CREATE INDEX feed_items_page ON feed_items (member_id, created_at, post_id);
CREATE INDEX feed_items_post ON feed_items (post_id);
CREATE INDEX feed_items_author ON feed_items (member_id, author_id);

-- Up to 10 connections a member pins to the top of their list and shows on their profile.
CREATE TABLE vips (
    member_id  BIGINT  NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    vip_id     BIGINT  NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    created_at BIGINT  NOT NULL,
    PRIMARY KEY (member_id, vip_id),
    CHECK (member_id <> vip_id)
);
CREATE INDEX vips_vip ON vips (vip_id, member_id);

-- Per-kind notification preferences; a missing row means the kind's default.
CREATE TABLE notification_settings (
    member_id BIGINT  NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    kind      TEXT    NOT NULL,
    in_app    BOOLEAN NOT NULL,
    email     BOOLEAN NOT NULL,
    PRIMARY KEY (member_id, kind)
);

ALTER TABLE notifications ADD COLUMN post_id BIGINT REFERENCES posts (id) ON DELETE CASCADE;
CREATE INDEX notifications_post ON notifications (post_id);
