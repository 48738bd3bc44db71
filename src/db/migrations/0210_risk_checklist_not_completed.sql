-- An empty domestic abuse risk checklist (no question answered, no professional judgement of high
-- risk) says nothing about risk. Before this migration one could be saved and was scored "standard";
-- such checklists are now "not_completed", and a referral whose latest checklist was one has no risk
-- level from it (ADR 0046). New empty checklists are refused by the scorer.
ALTER TABLE risk_checklists DROP CONSTRAINT risk_checklists_level_check;
ALTER TABLE risk_checklists
  ADD CONSTRAINT risk_checklists_level_check CHECK (level IN ('not_completed', 'standard', 'medium', 'high'));

UPDATE risk_checklists
SET level = 'not_completed',
    result = jsonb_set(result, '{level}', '"not_completed"')
WHERE answers -> 'answers' = '{}'::jsonb
  AND coalesce((answers -> 'professionalJudgement' ->> 'highRisk')::boolean, false) = false;

UPDATE triage t
SET risk_level = NULL
FROM (
  SELECT DISTINCT ON (referral_id) referral_id, level
  FROM risk_checklists
  ORDER BY referral_id, assessed_at DESC
) latest
WHERE latest.referral_id = t.referral_id AND latest.level = 'not_completed';
