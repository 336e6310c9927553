-- Series of activities, the make-up of a registered party, attendance and results, and the
-- participation snapshot that statistics read.

-- Every date of a series is an activity of its own (its own registrations and capacity);
-- series_id is the first date's id. A date changed on its own keeps its change when the rest of
-- the series is edited.
ALTER TABLE activities ADD COLUMN series_id BIGINT;
ALTER TABLE activities ADD COLUMN series_rule TEXT NOT NULL DEFAULT '';
ALTER TABLE activities ADD COLUMN series_changed INTEGER NOT NULL DEFAULT 0;
CREATE INDEX activities_series ON activities (series_id, starts_at);

-- Age groups of children, so that a party by age groups still reads as adults and children.
ALTER TABLE audiences ADD COLUMN child INTEGER NOT NULL DEFAULT 0;

-- A party by age group ("code=count" lines) and the groups it said it belongs to (code lines);
-- attended is NULL until the organiser marks it, then 1 or 0.
ALTER TABLE registrations ADD COLUMN ages TEXT NOT NULL DEFAULT '';
ALTER TABLE registrations ADD COLUMN groups_of_party TEXT NOT NULL DEFAULT '';
ALTER TABLE registrations ADD COLUMN attended INTEGER;

-- People who came without registering, by age group, and when attendance was last marked.
ALTER TABLE activities ADD COLUMN walk_ins TEXT NOT NULL DEFAULT '';
ALTER TABLE activities ADD COLUMN attendance_marked_at BIGINT;

-- What an activity achieved: kilograms by channel ("kg:<channel>") and things given away ("items").
CREATE TABLE activity_results (
    activity_id BIGINT NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
    measure TEXT NOT NULL,
    amount DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (activity_id, measure)
);

-- People who took part, by audience code (age groups and groups; "" = age not given; "*" = all),
-- written when attendance is marked. Counts, not people: statistics never shift when a resident
-- grows older, leaves a group or deletes the account.
CREATE TABLE participation (
    activity_id BIGINT NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
    audience TEXT NOT NULL,
    people INTEGER NOT NULL,
    PRIMARY KEY (activity_id, audience)
);
