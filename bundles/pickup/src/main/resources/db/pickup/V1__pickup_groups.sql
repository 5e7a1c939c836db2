-- pickup groups (bundles/pickup): one row per member; a user (AoR user@domain) may be in several groups
CREATE TABLE pickup_group (
  name VARCHAR(64) NOT NULL,
  aor VARCHAR(255) NOT NULL,
  PRIMARY KEY (name, aor)
);
CREATE INDEX pickup_group_aor ON pickup_group (aor);
