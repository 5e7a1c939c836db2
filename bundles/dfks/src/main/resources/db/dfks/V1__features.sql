-- the default routes' feature store (routes/dfks.xml): one row per user and feature that has been set
CREATE TABLE dfks_feature (
  username VARCHAR(64) NOT NULL,
  domain VARCHAR(128) NOT NULL,
  feature VARCHAR(32) NOT NULL,
  status BOOLEAN NOT NULL,
  forward_to VARCHAR(255),
  ring_count INTEGER,
  PRIMARY KEY (username, domain, feature)
);
