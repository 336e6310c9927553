-- Accounts, roles as data, sessions, single-use links, the outbox, log-in attempts, consents and
-- the audit log.

CREATE TABLE accounts (
    id @ID@,
    email TEXT UNIQUE,
    phone TEXT UNIQUE,
    password_hash TEXT NOT NULL DEFAULT '',
    display_name TEXT NOT NULL,
    language TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    confirmed_at BIGINT,
    last_seen_at BIGINT,
    assisted_by BIGINT,
    takeover_hash TEXT,
    takeover_expires_at BIGINT
);

CREATE TABLE role_grants (
    account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    institution_id TEXT NOT NULL DEFAULT '',
    granted_by BIGINT,
    granted_at BIGINT NOT NULL,
    PRIMARY KEY (account_id, role, institution_id)
);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL
);

CREATE INDEX sessions_account ON sessions (account_id);

CREATE TABLE one_time_tokens (
    token_hash TEXT PRIMARY KEY,
    account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    purpose TEXT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);

CREATE TABLE outbox (
    id @ID@,
    recipient TEXT NOT NULL,
    medium TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    sent_at BIGINT,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT NOT NULL DEFAULT ''
);

CREATE TABLE login_attempts (
    id @ID@,
    attempt_key TEXT NOT NULL,
    attempted_at BIGINT NOT NULL,
    succeeded INTEGER NOT NULL
);

CREATE INDEX login_attempts_key ON login_attempts (attempt_key, attempted_at);

CREATE TABLE consents (
    id @ID@,
    account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    what TEXT NOT NULL,
    given_at BIGINT NOT NULL,
    recorded_by BIGINT
);

CREATE TABLE audit_log (
    id @ID@,
    at BIGINT NOT NULL,
    actor_id BIGINT,
    action TEXT NOT NULL,
    subject TEXT NOT NULL,
    details TEXT NOT NULL
);
