-- Import throughput (docs/adr/0011-import-throughput.md). An import writes a receipt, a referral and an
-- identity snapshot for every record, each pointing at a batch, a victim or a receipt. A foreign key checks
-- those references one row at a time (a lookup and a row lock per reference, nine for an accepted record),
-- which cost more than writing the rows. The same rule is kept here, checked once per statement over all
-- the rows it wrote (one join), for the columns the import writes; columns written one row at a time by
-- people (merges, resolutions, supersession) keep their ordinary foreign keys.

ALTER TABLE referral_receipts
  DROP CONSTRAINT referral_receipts_batch_id_fkey,
  DROP CONSTRAINT referral_receipts_organisation_id_fkey,
  DROP CONSTRAINT referral_receipts_victim_id_fkey,
  DROP CONSTRAINT referral_receipts_original_victim_id_fkey;
ALTER TABLE referrals
  DROP CONSTRAINT referrals_receipt_id_fkey,
  DROP CONSTRAINT referrals_organisation_id_fkey,
  DROP CONSTRAINT referrals_victim_id_fkey,
  DROP CONSTRAINT referrals_original_victim_id_fkey;
ALTER TABLE victim_identities DROP CONSTRAINT victim_identities_victim_id_fkey;

CREATE FUNCTION raise_missing_reference(tbl text, row_id text, what text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION USING
    ERRCODE = 'foreign_key_violation',
    MESSAGE = format('%s row %s refers to a %s that does not exist', tbl, row_id, what);
END $$;

CREATE FUNCTION check_receipt_references() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  bad record;
BEGIN
  SELECT n.id, CASE
      WHEN NOT EXISTS (SELECT 1 FROM import_batches b WHERE b.id = n.batch_id) THEN 'batch'
      WHEN n.organisation_id IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM organisations o WHERE o.id = n.organisation_id) THEN 'organisation'
      ELSE 'victim' END AS what
  INTO bad
  FROM written n
  WHERE NOT EXISTS (SELECT 1 FROM import_batches b WHERE b.id = n.batch_id)
     OR (n.organisation_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM organisations o WHERE o.id = n.organisation_id))
     OR (n.victim_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM victims v WHERE v.id = n.victim_id))
     OR (n.original_victim_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM victims v WHERE v.id = n.original_victim_id))
  LIMIT 1;
  IF FOUND THEN PERFORM raise_missing_reference('referral_receipts', bad.id::text, bad.what); END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION check_referral_references() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  bad record;
BEGIN
  SELECT n.id, CASE
      WHEN NOT EXISTS (SELECT 1 FROM referral_receipts r WHERE r.id = n.receipt_id) THEN 'receipt'
      WHEN n.organisation_id IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM organisations o WHERE o.id = n.organisation_id) THEN 'organisation'
      ELSE 'victim' END AS what
  INTO bad
  FROM written n
  WHERE NOT EXISTS (SELECT 1 FROM referral_receipts r WHERE r.id = n.receipt_id)
     OR (n.organisation_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM organisations o WHERE o.id = n.organisation_id))
     OR NOT EXISTS (SELECT 1 FROM victims v WHERE v.id = n.victim_id)
     OR NOT EXISTS (SELECT 1 FROM victims v WHERE v.id = n.original_victim_id)
  LIMIT 1;
  IF FOUND THEN PERFORM raise_missing_reference('referrals', bad.id::text, bad.what); END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION check_identity_references() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  bad record;
BEGIN
  SELECT n.id INTO bad FROM written n
  WHERE NOT EXISTS (SELECT 1 FROM victims v WHERE v.id = n.victim_id) LIMIT 1;
  IF FOUND THEN PERFORM raise_missing_reference('victim_identities', bad.id::text, 'victim'); END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER referral_receipts_references_insert AFTER INSERT ON referral_receipts
  REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION check_receipt_references();
CREATE TRIGGER referral_receipts_references_update AFTER UPDATE ON referral_receipts
  REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION check_receipt_references();
CREATE TRIGGER referrals_references_insert AFTER INSERT ON referrals
  REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION check_referral_references();
CREATE TRIGGER referrals_references_update AFTER UPDATE ON referrals
  REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION check_referral_references();
CREATE TRIGGER victim_identities_references_insert AFTER INSERT ON victim_identities
  REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION check_identity_references();
CREATE TRIGGER victim_identities_references_update AFTER UPDATE ON victim_identities
  REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION check_identity_references();

-- The other side of the same rule: a batch, victim, receipt or organisation still referred to cannot be
-- deleted (the hub never deletes them today; a future retention job must remove the referring rows first).
CREATE FUNCTION check_not_referenced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  gone_id uuid;
BEGIN
  IF TG_TABLE_NAME = 'import_batches' THEN
    SELECT g.id INTO gone_id FROM gone g
    WHERE EXISTS (SELECT 1 FROM referral_receipts r WHERE r.batch_id = g.id) LIMIT 1;
  ELSIF TG_TABLE_NAME = 'organisations' THEN
    SELECT g.id INTO gone_id FROM gone g
    WHERE EXISTS (SELECT 1 FROM referral_receipts r WHERE r.organisation_id = g.id) LIMIT 1;
  ELSIF TG_TABLE_NAME = 'referral_receipts' THEN
    SELECT g.id INTO gone_id FROM gone g
    WHERE EXISTS (SELECT 1 FROM referrals r WHERE r.receipt_id = g.id) LIMIT 1;
  ELSE
    SELECT g.id INTO gone_id FROM gone g
    WHERE EXISTS (SELECT 1 FROM referral_receipts r WHERE r.victim_id = g.id OR r.original_victim_id = g.id)
       OR EXISTS (SELECT 1 FROM referrals r WHERE r.victim_id = g.id OR r.original_victim_id = g.id)
       OR EXISTS (SELECT 1 FROM victim_identities i WHERE i.victim_id = g.id)
    LIMIT 1;
  END IF;
  IF gone_id IS NOT NULL THEN
    RAISE EXCEPTION USING
      ERRCODE = 'foreign_key_violation',
      MESSAGE = format('%s row %s is still referred to and cannot be deleted', TG_TABLE_NAME, gone_id);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER import_batches_referenced AFTER DELETE ON import_batches
  REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION check_not_referenced();
CREATE TRIGGER organisations_referenced AFTER DELETE ON organisations
  REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION check_not_referenced();
CREATE TRIGGER referral_receipts_referenced AFTER DELETE ON referral_receipts
  REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION check_not_referenced();
CREATE TRIGGER victims_referenced AFTER DELETE ON victims
  REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION check_not_referenced();
-- Ids never change, so an update cannot orphan anything.
CREATE FUNCTION refuse_id_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.id IS DISTINCT FROM OLD.id THEN
    RAISE EXCEPTION USING ERRCODE = 'foreign_key_violation', MESSAGE = format('%s ids never change', TG_TABLE_NAME);
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER import_batches_fixed_id BEFORE UPDATE OF id ON import_batches FOR EACH ROW EXECUTE FUNCTION refuse_id_change();
CREATE TRIGGER organisations_fixed_id BEFORE UPDATE OF id ON organisations FOR EACH ROW EXECUTE FUNCTION refuse_id_change();
CREATE TRIGGER referral_receipts_fixed_id BEFORE UPDATE OF id ON referral_receipts FOR EACH ROW EXECUTE FUNCTION refuse_id_change();
CREATE TRIGGER victims_fixed_id BEFORE UPDATE OF id ON victims FOR EACH ROW EXECUTE FUNCTION refuse_id_change();

-- Indexes the import maintains for every record but no query needs:
-- crime lookups use the unique (force_code, crime_reference, original_victim_id) index's prefix;
DROP INDEX referrals_crime_victim;
-- resend lookups find a sender's referral_id and compare fingerprints from the row.
DROP INDEX referral_receipts_referral_id;
CREATE INDEX referral_receipts_referral_id ON referral_receipts (organisation_id, referral_id)
  WHERE referral_id IS NOT NULL;
