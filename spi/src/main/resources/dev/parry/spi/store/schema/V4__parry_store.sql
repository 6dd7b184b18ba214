-- Parry investigation store, schema version 4: every event of parry_events carries its audit chain
-- hash, computed by the store when it appends the event (SHA-256 over the hash of the event before,
-- the event's version and its canonical form; AuditTrail.link) and written by the same statement.
-- Verification reads the stored hashes and recomputes each from its stored event: an event changed
-- here no longer matches its hash.

-- Null for the events written before this version: the chain cannot vouch for them, and verification
-- counts them as predating it. The first event appended to such an investigation after the upgrade
-- links to the genesis hash (64 zeros). The events are not hashed here: hashing what the table holds
-- now would vouch for whatever was changed in it before.
ALTER TABLE parry_events ADD COLUMN chain_hash TEXT;

-- Every event written from now on has a well-formed hash. NOT VALID: the rows already stored, which
-- have none, are not checked (so do not VALIDATE it while they remain).
ALTER TABLE parry_events ADD CONSTRAINT parry_events_chained
  CHECK (chain_hash IS NOT NULL AND chain_hash ~ '^[0-9a-f]{64}$') NOT VALID;
