-- subscriptions of every event package (the platform is the notifier); dialog = SipDialog.serialize()
CREATE TABLE sb_subscription (
  id VARCHAR(512) NOT NULL,
  event VARCHAR(64) NOT NULL,
  presentity VARCHAR(255) NOT NULL,
  watcher VARCHAR(512) NOT NULL,
  dialog VARCHAR(4000) NOT NULL,
  expires_at BIGINT NOT NULL,
  PRIMARY KEY (id)
);
CREATE INDEX sb_subscription_presentity ON sb_subscription (event, presentity);
