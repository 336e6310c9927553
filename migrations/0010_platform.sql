-- The town a database serves (issue 13): its name, time zone, languages and map, as the data
-- profile's "town" says; one row.
CREATE TABLE town (
    id INTEGER PRIMARY KEY,
    document TEXT NOT NULL
);
