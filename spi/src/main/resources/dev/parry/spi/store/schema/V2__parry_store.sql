-- Parry investigation store, schema version 2: every action's obligation (what is due for it, and
-- when) is a column of its row, written by the same statement that writes the row, and indexed, so
-- that a runtime finds all due work by asking the database (InvestigationStore.due).

-- The obligation: EXPIRE, DISPATCH, UNDO or END_TIME_BOX, due at epoch seconds and nanoseconds;
-- all three null when nothing is due for the action.
ALTER TABLE parry_actions ADD COLUMN obligation TEXT, ADD COLUMN due_s BIGINT, ADD COLUMN due_n INT;

-- Rows written by version 1 get the obligation their stored action implies: a pending action
-- expires after its investigation's pending expiry; an approved or in-progress one, and an undo in
-- progress, are due since the action was proposed; a succeeded, time-boxed one when its box ends.
WITH computed AS (
  SELECT a.investigation_id, a.sequence,
    CASE a.status
      WHEN 'PENDING_APPROVAL' THEN 'EXPIRE'
      WHEN 'APPROVED' THEN 'DISPATCH'
      WHEN 'IN_PROGRESS' THEN 'DISPATCH'
      WHEN 'UNDO_IN_PROGRESS' THEN 'UNDO'
      WHEN 'SUCCEEDED' THEN CASE WHEN a.record::jsonb ->> 'timeBox' IS NOT NULL THEN 'END_TIME_BOX' END
    END AS obligation,
    CASE a.status
      WHEN 'PENDING_APPROVAL' THEN (a.record::jsonb ->> 'proposedAt')::timestamptz
        + (i.state::jsonb ->> 'pendingExpiry')::interval
      WHEN 'SUCCEEDED' THEN (a.record::jsonb ->> 'updatedAt')::timestamptz + (a.record::jsonb ->> 'timeBox')::interval
      ELSE (a.record::jsonb ->> 'proposedAt')::timestamptz
    END AS due
  FROM parry_actions a JOIN parry_investigations i ON i.id = a.investigation_id
  WHERE a.status IN ('PENDING_APPROVAL', 'APPROVED', 'IN_PROGRESS', 'UNDO_IN_PROGRESS', 'SUCCEEDED')
)
UPDATE parry_actions a SET obligation = c.obligation,
  due_s = extract(epoch FROM date_trunc('second', c.due))::bigint,
  due_n = (extract(microseconds FROM c.due)::bigint % 1000000)::int * 1000
FROM computed c
WHERE a.investigation_id = c.investigation_id AND a.sequence = c.sequence AND c.obligation IS NOT NULL;

-- Due work, earliest first: what the reconciler of every runtime asks for on each pass.
CREATE INDEX parry_actions_due ON parry_actions (due_s, due_n, investigation_id, sequence)
  WHERE due_s IS NOT NULL;
