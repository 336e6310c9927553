-- Summaries kept current as data is written, so that the coordinator's figures and the misses page
-- read a few thousand rows instead of scanning millions as the data grows.

-- Registrations per activity by state: confirmed (not yet marked), waiting, cancelled, came, no-show.
CREATE TABLE registration_counts (
    activity_id BIGINT NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
    state TEXT NOT NULL,
    parties INTEGER NOT NULL,
    people INTEGER NOT NULL,
    PRIMARY KEY (activity_id, state)
);

INSERT INTO registration_counts (activity_id, state, parties, people)
SELECT activity_id,
       CASE WHEN status <> 'confirmed' THEN status WHEN attended = 1 THEN 'came'
            WHEN attended = 0 THEN 'no-show' ELSE 'confirmed' END,
       COUNT(*), SUM(adults + children)
FROM registrations GROUP BY 1, 2;

-- Searches that found nothing, by query: how often and when last.
CREATE TABLE search_miss_counts (
    query TEXT PRIMARY KEY,
    language TEXT NOT NULL,
    searches BIGINT NOT NULL,
    last_at BIGINT NOT NULL
);

INSERT INTO search_miss_counts (query, language, searches, last_at)
SELECT query, MIN(language), COUNT(*), MAX(searched_at) FROM search_misses GROUP BY query;

CREATE INDEX search_miss_counts_rank ON search_miss_counts (searches, last_at);
CREATE INDEX activities_starts ON activities (starts_at);
