-- Issue 17: sign-up by approval. A person who signs up while the sign-up policy is APPROVAL is
-- stored as a member waiting for approval: approval_requested_at (epoch millis) is set, and the
-- account is held by the suspension mechanism (suspended_until the largest BIGINT) so that it
-- cannot sign in or act and is hidden from everyone. Approving clears both; refusing erases the
-- account. NULL: not waiting (every member before this migration).
ALTER TABLE members ADD COLUMN approval_requested_at BIGINT;
CREATE INDEX members_awaiting_approval ON members (approval_requested_at) WHERE approval_requested_at IS NOT NULL;
