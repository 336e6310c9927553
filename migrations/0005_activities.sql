-- Activities grow from the first sketch of 0001: kinds and audiences as data, capacity and
-- registration, the languages an activity is held in, accessibility; and registrations with a
-- waiting list.

CREATE TABLE activity_kinds (
    code TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    name_lv TEXT NOT NULL, name_ru TEXT NOT NULL, name_en TEXT NOT NULL
);

CREATE TABLE audiences (
    code TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    position INTEGER NOT NULL,
    name_lv TEXT NOT NULL, name_ru TEXT NOT NULL, name_en TEXT NOT NULL
);

ALTER TABLE activities ADD COLUMN kind TEXT NOT NULL DEFAULT 'lesson';
ALTER TABLE activities ADD COLUMN audiences TEXT NOT NULL DEFAULT '';
ALTER TABLE activities ADD COLUMN held_in TEXT NOT NULL DEFAULT 'lv';
ALTER TABLE activities ADD COLUMN capacity INTEGER NOT NULL DEFAULT 0;
ALTER TABLE activities ADD COLUMN registration INTEGER NOT NULL DEFAULT 0;
ALTER TABLE activities ADD COLUMN accessibility_lv TEXT NOT NULL DEFAULT '';
ALTER TABLE activities ADD COLUMN accessibility_ru TEXT NOT NULL DEFAULT '';
ALTER TABLE activities ADD COLUMN accessibility_en TEXT NOT NULL DEFAULT '';
ALTER TABLE activities ADD COLUMN cancelled INTEGER NOT NULL DEFAULT 0;

CREATE TABLE registrations (
    id @ID@,
    activity_id BIGINT NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
    account_id BIGINT REFERENCES accounts(id) ON DELETE SET NULL,
    name TEXT NOT NULL,
    contact TEXT NOT NULL,
    language TEXT NOT NULL,
    adults INTEGER NOT NULL,
    children INTEGER NOT NULL,
    status TEXT NOT NULL,
    cancel_hash TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL,
    registered_by BIGINT,
    consent TEXT NOT NULL DEFAULT ''
);

CREATE INDEX registrations_activity ON registrations (activity_id, status, created_at);
