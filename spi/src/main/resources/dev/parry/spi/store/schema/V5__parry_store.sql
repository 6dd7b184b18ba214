-- Parry investigation store, schema version 5: a user is keyed by its most stable identifier, its
-- directory object id when it has one (UserAccount.key), where earlier versions keyed it by its user
-- principal name. The actions on users stored before are re-keyed, so that a query by entity finds
-- them under the key the runtime now asks for. The stored records are unchanged: they read as before.
UPDATE parry_actions
   SET entity_key = 'user:' || (regexp_match(record,
       '"objectId":"([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"'))[1]
 WHERE family = 'IDENTITY'
   AND entity_key LIKE 'user:%@%'
   AND record ~ '"objectId":"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"';
