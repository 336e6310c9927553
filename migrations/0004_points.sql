-- Collection points (container sites, sorting sites, shop boxes, pharmacies …) and the problems
-- residents report at them.

CREATE TABLE points (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    name_lv TEXT NOT NULL, name_ru TEXT NOT NULL, name_en TEXT NOT NULL,
    address TEXT NOT NULL,
    latitude DOUBLE PRECISION NOT NULL,
    longitude DOUBLE PRECISION NOT NULL,
    channels TEXT NOT NULL,
    opening_hours TEXT NOT NULL DEFAULT '',
    operator TEXT NOT NULL DEFAULT '',
    notes_lv TEXT NOT NULL DEFAULT '', notes_ru TEXT NOT NULL DEFAULT '', notes_en TEXT NOT NULL DEFAULT '',
    institution_id TEXT NOT NULL DEFAULT '',
    verified INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE problem_reports (
    id @ID@,
    point_id TEXT NOT NULL REFERENCES points(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    details TEXT NOT NULL,
    contact TEXT NOT NULL DEFAULT '',
    language TEXT NOT NULL,
    status TEXT NOT NULL,
    confirmations INTEGER NOT NULL DEFAULT 1,
    client_key TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    forwarded_to TEXT NOT NULL DEFAULT ''
);

CREATE INDEX problem_reports_point ON problem_reports (point_id, status);
CREATE INDEX problem_reports_client ON problem_reports (client_key, created_at);
