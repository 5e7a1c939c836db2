-- registered contacts (the in-memory location table, written behind)
CREATE TABLE registrar_contact (
  aor VARCHAR(200) NOT NULL,
  contact_uri VARCHAR(512) NOT NULL,
  expires_at BIGINT NOT NULL,
  registered_at BIGINT NOT NULL,
  call_id VARCHAR(255),
  cseq BIGINT NOT NULL,
  user_agent VARCHAR(255),
  source VARCHAR(100),
  PRIMARY KEY (aor, contact_uri)
);
