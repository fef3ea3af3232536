-- People You May Know (C5, C6) and profile views (C7, C8).

-- A member's "not interested" on a suggestion: that member is not suggested to them again.
CREATE TABLE suggestion_dismissals (
    member_id    BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    dismissed_id BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    dismissed_at BIGINT NOT NULL,
    PRIMARY KEY (member_id, dismissed_id),
    CHECK (member_id <> dismissed_id)
);
CREATE INDEX suggestion_dismissals_dismissed ON suggestion_dismissals (dismissed_id, member_id);

-- One row per viewer, viewed member and UTC day (epoch day): repeated views the same day count once,
-- and viewed_at keeps the latest. Self-views are never recorded.
CREATE TABLE profile_views (
    viewer_id BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    viewed_id BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    day       BIGINT NOT NULL,
    viewed_at BIGINT NOT NULL,
    PRIMARY KEY (viewed_id, day, viewer_id),
    CHECK (viewer_id <> viewed_id)
);
CREATE INDEX profile_views_viewed_at ON profile_views (viewed_id, viewed_at);
CREATE INDEX profile_views_viewer ON profile_views (viewer_id, viewed_at);

-- C7: whether "People also viewed" shows on this member's profile.
ALTER TABLE members ADD COLUMN show_also_viewed BOOLEAN NOT NULL DEFAULT TRUE;
