-- Parry investigation store, schema version 7: admitting several automatic actions at once in one
-- statement. Like parry_admit (version 6) it takes each window's lock in the order given, forgets the
-- uses that left each window and counts the rest; it then admits as many of the wanted actions as
-- every window has room for, counting that many uses in each at the time given (which may be ahead of
-- now: the caller spends them until then), and answers how many. Under an isolation other than READ
-- COMMITTED it answers NULL without doing anything, and the caller counts in a READ COMMITTED
-- transaction of its own instead. The locks are those of parry_admit, so both may run together.
CREATE OR REPLACE FUNCTION parry_admit_up_to(keys TEXT[], starts_s BIGINT[], starts_n INT[],
                                             maxes INT[], wanted INT, counted_s BIGINT,
                                             counted_n INT)
RETURNS INT LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  i INT;
  used BIGINT;
  room BIGINT := wanted;
BEGIN
  IF current_setting('transaction_isolation') <> 'read committed' THEN
    RETURN NULL;
  END IF;
  IF coalesce(cardinality(keys), 0) = 0 OR wanted IS NULL OR wanted < 1 THEN
    RETURN 0; -- no window to count in, or nothing wanted: nothing admitted
  END IF;
  FOR i IN 1 .. cardinality(keys) LOOP
    PERFORM pg_advisory_xact_lock(1885434489, hashtext(keys[i]));
  END LOOP;
  FOR i IN 1 .. cardinality(keys) LOOP
    DELETE FROM parry_blast_uses
     WHERE window_key = keys[i] AND (at_s, at_n) <= (starts_s[i], starts_n[i]);
    SELECT count(*) INTO used FROM parry_blast_uses WHERE window_key = keys[i];
    room := LEAST(room, maxes[i] - used);
    IF room <= 0 THEN
      RETURN 0;
    END IF;
  END LOOP;
  INSERT INTO parry_blast_uses (window_key, at_s, at_n)
    SELECT key, counted_s, counted_n FROM unnest(keys) AS key, generate_series(1, room);
  RETURN room;
END
$$;
