-- The IMS subscriber store of the HSS functions (bundles/cx). Plain SQL that H2 and PostgreSQL both run.
-- Service profiles: the iFCs (and core network services) a set of public identities shares; ifc_xml holds a
-- <ServiceProfile> of TS 29.228 Annex E without its PublicIdentity elements (those come from ims_public_identity).
CREATE TABLE ims_service_profile (
  name VARCHAR(64) NOT NULL PRIMARY KEY,
  ifc_xml VARCHAR(1000000) NOT NULL,
  mandatory_capabilities VARCHAR(255) NOT NULL DEFAULT '',
  optional_capabilities VARCHAR(255) NOT NULL DEFAULT ''
);
-- Private identities (IMPI): SIP Digest secret or HA1 (of impi:realm:password), and the AKA set K/OPc/AMF/SQN
CREATE TABLE ims_private_identity (
  impi VARCHAR(255) NOT NULL PRIMARY KEY,
  realm VARCHAR(255) NOT NULL,
  secret VARCHAR(128),
  ha1 VARCHAR(64),
  aka_k CHAR(32),
  aka_opc CHAR(32),
  aka_amf CHAR(4),
  aka_sqn BIGINT NOT NULL DEFAULT 0,
  roaming_allowed BOOLEAN NOT NULL DEFAULT FALSE
);
-- Public identities (IMPU): barring, implicit registration set (same irs id = registered together), profile
CREATE TABLE ims_public_identity (
  impu VARCHAR(255) NOT NULL PRIMARY KEY,
  barred BOOLEAN NOT NULL DEFAULT FALSE,
  irs_id VARCHAR(64),
  service_profile VARCHAR(64) NOT NULL REFERENCES ims_service_profile (name),
  identity_type INTEGER NOT NULL DEFAULT 0
);
-- Which private identities may register which public identities (TS 23.228: many to many)
CREATE TABLE ims_identity_link (
  impi VARCHAR(255) NOT NULL REFERENCES ims_private_identity (impi) ON DELETE CASCADE,
  impu VARCHAR(255) NOT NULL REFERENCES ims_public_identity (impu) ON DELETE CASCADE,
  PRIMARY KEY (impi, impu)
);
-- S-CSCF assignment and registration state, one row per IMPU that has or had one
CREATE TABLE ims_registration (
  impu VARCHAR(255) NOT NULL PRIMARY KEY REFERENCES ims_public_identity (impu) ON DELETE CASCADE,
  state VARCHAR(16) NOT NULL,
  scscf VARCHAR(255),
  scscf_host VARCHAR(255),
  pending_scscf VARCHAR(255),
  impi VARCHAR(255),
  updated_at TIMESTAMP NOT NULL
);
-- The S-CSCF pool: SIP URI, Diameter host (for RTR/PPR), capabilities, lower priority chosen first
CREATE TABLE ims_scscf (
  name VARCHAR(255) NOT NULL PRIMARY KEY,
  diameter_host VARCHAR(255),
  capabilities VARCHAR(255) NOT NULL DEFAULT '',
  priority INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX ims_identity_link_impu ON ims_identity_link (impu);
CREATE INDEX ims_public_identity_irs ON ims_public_identity (irs_id);
