-- The sorting guide: channels, places with their bins, items, place overrides, and what
-- searches found nothing. Lists (synonyms, tips, accepts…) are newline-separated text.

CREATE TABLE channels (
    code TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    name_lv TEXT NOT NULL, name_ru TEXT NOT NULL, name_en TEXT NOT NULL,
    description_lv TEXT NOT NULL, description_ru TEXT NOT NULL, description_en TEXT NOT NULL
);

CREATE TABLE places (
    id TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    name_lv TEXT NOT NULL, name_ru TEXT NOT NULL, name_en TEXT NOT NULL,
    operator TEXT NOT NULL DEFAULT '',
    sample INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE bins (
    place_id TEXT NOT NULL REFERENCES places(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL,
    channels TEXT NOT NULL,
    name_lv TEXT NOT NULL, name_ru TEXT NOT NULL, name_en TEXT NOT NULL,
    colour TEXT NOT NULL,
    icon TEXT NOT NULL,
    accepts_lv TEXT NOT NULL, accepts_ru TEXT NOT NULL, accepts_en TEXT NOT NULL,
    refuses_lv TEXT NOT NULL, refuses_ru TEXT NOT NULL, refuses_en TEXT NOT NULL,
    mistakes_lv TEXT NOT NULL, mistakes_ru TEXT NOT NULL, mistakes_en TEXT NOT NULL,
    sample INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (place_id, id)
);

CREATE TABLE items (
    id TEXT PRIMARY KEY,
    channel TEXT NOT NULL REFERENCES channels(code),
    name_lv TEXT NOT NULL, name_ru TEXT NOT NULL, name_en TEXT NOT NULL,
    synonyms_lv TEXT NOT NULL, synonyms_ru TEXT NOT NULL, synonyms_en TEXT NOT NULL,
    question_lv TEXT NOT NULL, question_ru TEXT NOT NULL, question_en TEXT NOT NULL,
    question_yes TEXT NOT NULL DEFAULT '',
    question_no TEXT NOT NULL DEFAULT '',
    tips_lv TEXT NOT NULL, tips_ru TEXT NOT NULL, tips_en TEXT NOT NULL,
    reuse_lv TEXT NOT NULL, reuse_ru TEXT NOT NULL, reuse_en TEXT NOT NULL
);

CREATE TABLE overrides (
    place_id TEXT NOT NULL REFERENCES places(id) ON DELETE CASCADE,
    item_id TEXT NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    channel TEXT NOT NULL REFERENCES channels(code),
    note_lv TEXT NOT NULL, note_ru TEXT NOT NULL, note_en TEXT NOT NULL,
    PRIMARY KEY (place_id, item_id)
);

CREATE TABLE item_lookups (
    item_id TEXT PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE,
    count BIGINT NOT NULL
);

CREATE TABLE search_misses (
    id @ID@,
    query TEXT NOT NULL,
    language TEXT NOT NULL,
    searched_at BIGINT NOT NULL
);

CREATE INDEX search_misses_query ON search_misses (query);
