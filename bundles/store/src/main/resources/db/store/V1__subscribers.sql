-- subscribers: username@domain with the password and its HA1 values (realm = domain)
CREATE TABLE subscriber (
  username VARCHAR(64) NOT NULL,
  domain VARCHAR(128) NOT NULL,
  password VARCHAR(128),
  ha1_md5 VARCHAR(32),
  ha1_sha256 VARCHAR(64),
  PRIMARY KEY (username, domain)
);
