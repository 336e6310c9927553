-- Reminders before an activity and a feedback request after it, sent once per registration.

ALTER TABLE activities ADD COLUMN reminder_hours INTEGER NOT NULL DEFAULT 48;
ALTER TABLE registrations ADD COLUMN reminded_at BIGINT;
ALTER TABLE registrations ADD COLUMN feedback_requested_at BIGINT;
