-- What probing the site as an attacker found (issue 12): keys, limits, holds and kinds.

-- Keys of this installation, the same for every app server: CSRF tokens are an HMAC of the
-- visitor's cookies under one of them.
CREATE TABLE secrets (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- A deleted account leaves a row with nothing in it, so that its id is never given to anyone
-- else (SQLite reuses the highest rowid of a table without AUTOINCREMENT).
ALTER TABLE accounts ADD COLUMN deleted_at BIGINT;

-- What an audit entry is about: an account, an activity, a report, an item, a bin, an institution.
-- Ids of different kinds collide, so a person's data download must not read one as another.
ALTER TABLE audit_log ADD COLUMN subject_kind TEXT NOT NULL DEFAULT '';
UPDATE audit_log SET subject_kind = 'account' WHERE action LIKE 'account.%' OR action LIKE 'role.%';
UPDATE audit_log SET subject_kind = 'activity' WHERE action LIKE 'activity.%';
UPDATE audit_log SET subject_kind = 'report' WHERE action LIKE 'report.%';
UPDATE audit_log SET subject_kind = 'institution' WHERE action LIKE 'institution.%';
UPDATE audit_log SET subject_kind = 'bin' WHERE action LIKE 'catalogue.bin%';
UPDATE audit_log SET subject_kind = 'item' WHERE action LIKE 'catalogue.%' AND subject_kind = '';
CREATE INDEX audit_log_subject ON audit_log (subject_kind, subject);
CREATE INDEX audit_log_actor ON audit_log (actor_id);

-- Events counted by the limits (guest registrations per address and per contact, take-over
-- tries, sign-ups, reset links), in the database so that every app server counts the same.
CREATE TABLE rate_events (
    event_key TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX rate_events_key ON rate_events (event_key, at);

-- A guest's registration holds its places until this time unless the link sent to the contact is
-- opened (NULL: nothing to confirm).
ALTER TABLE registrations ADD COLUMN hold_until BIGINT;
CREATE INDEX registrations_hold ON registrations (hold_until);
-- The most people one registration may bring (staff may set it per activity).
ALTER TABLE activities ADD COLUMN max_party INTEGER NOT NULL DEFAULT 10;

-- "The same problem" counts once per person (an account, else an address).
CREATE TABLE report_confirmations (
    report_id BIGINT NOT NULL REFERENCES problem_reports(id) ON DELETE CASCADE,
    voter_key TEXT NOT NULL,
    at BIGINT NOT NULL,
    PRIMARY KEY (report_id, voter_key)
);

-- E-mail and text messages that failed are tried again after a growing pause.
ALTER TABLE outbox ADD COLUMN next_attempt_at BIGINT NOT NULL DEFAULT 0;
