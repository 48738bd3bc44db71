-- A restriction a manager sets by hand on one victim (a public figure, a member of staff, someone the
-- police ask the hub to keep close): only the first-contact team sees the victim (docs/adr/0025).
ALTER TABLE victims
  ADD COLUMN restricted_by_hand boolean NOT NULL DEFAULT false,
  ADD COLUMN restricted_by_hand_reason text,
  ADD COLUMN restricted_by_hand_at timestamptz,
  ADD COLUMN restricted_by_hand_by uuid REFERENCES users (id);
