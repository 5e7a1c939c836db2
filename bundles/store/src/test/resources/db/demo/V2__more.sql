-- second version
ALTER TABLE demo ADD COLUMN note VARCHAR(20);
