-- Parry investigation store, schema version 1 (PostgreSQL 12 or later).
-- JdbcSchema.migrate applies it once, in one transaction; or run it with your own migration tool.

-- One row per investigation: its version (optimistic concurrency) and its state without its actions,
-- as JSON written by Parry.
CREATE TABLE parry_investigations (
  id      TEXT COLLATE "C" PRIMARY KEY,
  version BIGINT NOT NULL CHECK (version >= 1),
  state   TEXT NOT NULL
);

-- The events, append-only: the trigger refuses any update or delete, by Parry or anyone else
-- (archiving old investigations means dropping or detaching whole tables, or disabling it knowingly).
CREATE TABLE parry_events (
  investigation_id TEXT COLLATE "C" NOT NULL REFERENCES parry_investigations (id),
  version          BIGINT NOT NULL CHECK (version >= 1),
  event            TEXT NOT NULL,
  PRIMARY KEY (investigation_id, version)
);
CREATE FUNCTION parry_events_append_only() RETURNS trigger LANGUAGE plpgsql
  AS 'BEGIN RAISE EXCEPTION ''parry_events is append-only: % refused'', TG_OP; END';
CREATE TRIGGER parry_events_append_only BEFORE UPDATE OR DELETE ON parry_events
  FOR EACH ROW EXECUTE FUNCTION parry_events_append_only();

-- One row per action, as of the investigation's latest version: the filter columns of the action
-- center, the action as JSON, and its dispatch lease. Proposal time is kept to the nanosecond as
-- epoch seconds and nanoseconds, so the paging order matches the domain's exactly.
CREATE TABLE parry_actions (
  investigation_id TEXT COLLATE "C" NOT NULL REFERENCES parry_investigations (id),
  sequence         INT NOT NULL CHECK (sequence >= 1),
  status           TEXT NOT NULL,
  family           TEXT NOT NULL,
  kind             TEXT NOT NULL,
  source           TEXT NOT NULL,
  entity_key       TEXT NOT NULL,
  proposed_s       BIGINT NOT NULL,
  proposed_n       INT NOT NULL,
  record           TEXT NOT NULL,
  lease_owner      TEXT,
  lease_until_ms   BIGINT,
  PRIMARY KEY (investigation_id, sequence)
);

-- History (every status), oldest or newest first, optionally from or to a time.
CREATE INDEX parry_actions_by_time ON parry_actions (proposed_s, proposed_n, investigation_id, sequence);
-- The Pending tab, by age, and by kind or family.
CREATE INDEX parry_actions_pending ON parry_actions (proposed_s, proposed_n, investigation_id, sequence)
  WHERE status = 'PENDING_APPROVAL';
CREATE INDEX parry_actions_pending_by_kind ON parry_actions (kind, proposed_s, proposed_n, investigation_id, sequence)
  WHERE status = 'PENDING_APPROVAL';
CREATE INDEX parry_actions_pending_by_family ON parry_actions (family, proposed_s, proposed_n, investigation_id, sequence)
  WHERE status = 'PENDING_APPROVAL';
-- Actions being carried out: what a starting runtime and the watchdog look at.
CREATE INDEX parry_actions_active ON parry_actions (proposed_s, proposed_n, investigation_id, sequence)
  WHERE status IN ('APPROVED', 'IN_PROGRESS', 'UNDO_IN_PROGRESS');
-- One entity's actions (keys can be long: the index holds their hash).
CREATE INDEX parry_actions_by_entity ON parry_actions (md5(entity_key), proposed_s, proposed_n, investigation_id, sequence);
