-- Parry store, schema version 3: the control state every runtime on the database shares.

-- Changes to the kill switch, break-glass overrides and allow indicators, numbered in the order they
-- were recorded. An allow indicator's scope is its device groups' names, one per line, or null for
-- every group. Writers lock the table, so numbers become visible in order and a reader that has seen
-- change n never sees a lower number appear later. Times are epoch seconds and nanoseconds.
CREATE TABLE parry_control_changes (
  sequence BIGINT PRIMARY KEY,
  kind TEXT NOT NULL,
  device_group TEXT,
  device TEXT,
  indicator TEXT,
  scope TEXT,
  until_s BIGINT,
  until_n INT,
  principal TEXT NOT NULL,
  at_s BIGINT NOT NULL,
  at_n INT NOT NULL,
  reason TEXT NOT NULL
);

-- Uses counted in blast-radius windows, by window key (scope and length), at epoch seconds and nanoseconds.
CREATE TABLE parry_blast_uses (
  window_key TEXT NOT NULL,
  at_s BIGINT NOT NULL,
  at_n INT NOT NULL
);
CREATE INDEX parry_blast_uses_window ON parry_blast_uses (window_key, at_s, at_n);
