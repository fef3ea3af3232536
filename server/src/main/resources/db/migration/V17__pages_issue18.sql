-- Issue 18. Notifications are listed newest first by the time they were made.
CREATE INDEX notifications_member_time ON notifications (member_id, created_at, id);
