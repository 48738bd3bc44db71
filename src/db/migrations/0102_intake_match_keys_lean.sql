-- Blocking keys are derived data (rebuildable from victim_identities) written ten or so to a record:
-- their foreign-key checks and the by-victim index cost more on every import than they protect.
-- Matching only ever looks keys up by key.
ALTER TABLE victim_match_keys DROP CONSTRAINT victim_match_keys_victim_id_fkey;
ALTER TABLE victim_match_keys DROP CONSTRAINT victim_match_keys_identity_id_fkey;
DROP INDEX victim_match_keys_victim;
