-- The initiative, its partner institutions and a first shape of activities.
-- Neutral SQL for SQLite and PostgreSQL: @ID@ is an auto-numbered key, times are UTC epoch
-- seconds (BIGINT), flags are INTEGER 0/1, localised texts are _lv/_ru/_en columns.

CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE initiative (
    id TEXT PRIMARY KEY,
    name_lv TEXT NOT NULL, name_ru TEXT NOT NULL, name_en TEXT NOT NULL,
    tagline_lv TEXT NOT NULL, tagline_ru TEXT NOT NULL, tagline_en TEXT NOT NULL,
    description_lv TEXT NOT NULL, description_ru TEXT NOT NULL, description_en TEXT NOT NULL,
    neighbourhood_lv TEXT NOT NULL, neighbourhood_ru TEXT NOT NULL, neighbourhood_en TEXT NOT NULL,
    funder_lv TEXT NOT NULL, funder_ru TEXT NOT NULL, funder_en TEXT NOT NULL,
    period_start TEXT NOT NULL,
    period_end TEXT NOT NULL,
    sample INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE initiative_aims (
    position INTEGER PRIMARY KEY,
    text_lv TEXT NOT NULL, text_ru TEXT NOT NULL, text_en TEXT NOT NULL
);

CREATE TABLE institutions (
    id TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    role TEXT NOT NULL,
    kind TEXT NOT NULL,
    name_lv TEXT NOT NULL, name_ru TEXT NOT NULL, name_en TEXT NOT NULL,
    short_name_lv TEXT NOT NULL, short_name_ru TEXT NOT NULL, short_name_en TEXT NOT NULL,
    description_lv TEXT NOT NULL, description_ru TEXT NOT NULL, description_en TEXT NOT NULL,
    address TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    website TEXT NOT NULL DEFAULT '',
    latitude DOUBLE PRECISION,
    longitude DOUBLE PRECISION,
    sample INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE activities (
    id @ID@,
    external_id TEXT UNIQUE,
    institution_id TEXT NOT NULL REFERENCES institutions(id),
    title_lv TEXT NOT NULL, title_ru TEXT NOT NULL, title_en TEXT NOT NULL,
    description_lv TEXT NOT NULL, description_ru TEXT NOT NULL, description_en TEXT NOT NULL,
    starts_at BIGINT NOT NULL,
    ends_at BIGINT NOT NULL,
    venue TEXT NOT NULL DEFAULT '',
    sample INTEGER NOT NULL DEFAULT 0
);

CREATE INDEX activities_starts_at ON activities (starts_at);
