-- live (answered) dialogs: one INSERT on answer, restored at start, deleted on end
-- IF NOT EXISTS: installs from before this migration already have these tables (the bundle used to create
-- them itself); they are adopted as version 1, and a script half-applied by H2 (DDL commits at once) re-runs.
CREATE TABLE IF NOT EXISTS sb_dialog (
  call_id VARCHAR(255) NOT NULL,
  from_uri VARCHAR(512),
  from_tag VARCHAR(128),
  to_uri VARCHAR(512),
  to_tag VARCHAR(128),
  created_at BIGINT,
  ringing_at BIGINT,
  answered_at BIGINT,
  caller_contact VARCHAR(512),
  callee_contact VARCHAR(512),
  caller_cseq BIGINT,
  callee_cseq BIGINT,
  record_route VARCHAR(2048),
  profiles VARCHAR(1024),
  PRIMARY KEY (call_id)
);

-- ended answered dialogs: one INSERT on end, in the transaction that deletes the live row
CREATE TABLE IF NOT EXISTS sb_dialog_history (
  call_id VARCHAR(255) NOT NULL,
  from_uri VARCHAR(512),
  from_tag VARCHAR(128),
  to_uri VARCHAR(512),
  to_tag VARCHAR(128),
  created_at BIGINT,
  ringing_at BIGINT,
  answered_at BIGINT,
  caller_contact VARCHAR(512),
  callee_contact VARCHAR(512),
  caller_cseq BIGINT,
  callee_cseq BIGINT,
  record_route VARCHAR(2048),
  profiles VARCHAR(1024),
  ended_at BIGINT,
  end_reason VARCHAR(64),
  ended_by VARCHAR(16)
);
