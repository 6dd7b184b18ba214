-- Parry investigation store, schema version 6: a blast-radius admission in one statement. The
-- function takes each window's lock in the order given (the caller sorts the keys, so that admissions
-- to overlapping windows never deadlock), forgets the uses that left each window, counts the rest and,
-- when every window has room, counts one use at now in each: all in the caller's transaction, one
-- round trip. Each statement in it sees what committed before it only under READ COMMITTED; under any
-- other isolation it answers NULL without doing anything, and the caller counts in a READ COMMITTED
-- transaction of its own instead. The locks are the ones earlier releases take, so instances of both
-- may admit together.
CREATE OR REPLACE FUNCTION parry_admit(keys TEXT[], starts_s BIGINT[], starts_n INT[], maxes INT[],
                                       now_s BIGINT, now_n INT, consume BOOLEAN)
RETURNS BOOLEAN LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  i INT;
  used BIGINT;
BEGIN
  IF current_setting('transaction_isolation') <> 'read committed' THEN
    RETURN NULL;
  END IF;
  FOR i IN 1 .. cardinality(keys) LOOP
    PERFORM pg_advisory_xact_lock(1885434489, hashtext(keys[i]));
  END LOOP;
  FOR i IN 1 .. cardinality(keys) LOOP
    DELETE FROM parry_blast_uses
     WHERE window_key = keys[i] AND (at_s, at_n) <= (starts_s[i], starts_n[i]);
    SELECT count(*) INTO used FROM parry_blast_uses WHERE window_key = keys[i];
    IF used >= maxes[i] THEN
      RETURN FALSE;
    END IF;
  END LOOP;
  IF consume THEN
    INSERT INTO parry_blast_uses (window_key, at_s, at_n)
      SELECT key, now_s, now_n FROM unnest(keys) AS key;
  END IF;
  RETURN TRUE;
END
$$;
