-- Every answer says where it comes from (issue 14): a source ("AADSO, aadso.lv, 2024-03") and
-- whether the operator's or an authority's published rule states it; and a picture (an OpenMoji
-- code) for every item and bin. Rows from before say nothing yet: unverified, no source.
ALTER TABLE items ADD COLUMN source TEXT NOT NULL DEFAULT '';
ALTER TABLE items ADD COLUMN verified INTEGER NOT NULL DEFAULT 0;
ALTER TABLE items ADD COLUMN picture TEXT NOT NULL DEFAULT '';
ALTER TABLE overrides ADD COLUMN source TEXT NOT NULL DEFAULT '';
ALTER TABLE overrides ADD COLUMN verified INTEGER NOT NULL DEFAULT 0;
ALTER TABLE bins ADD COLUMN source TEXT NOT NULL DEFAULT '';
ALTER TABLE bins ADD COLUMN verified INTEGER NOT NULL DEFAULT 0;
ALTER TABLE bins ADD COLUMN picture TEXT NOT NULL DEFAULT '';
