-- What each police case event owes each victim it affects: one row per (event, victim), with whose
-- contact details it goes to and the day it is due by (Victims' Code: 1 working day enhanced, 5
-- otherwise). The relay that sends them moves them on from 'pending'.
CREATE TABLE case_updates (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_event_id uuid NOT NULL REFERENCES case_events(id),
  victim_id uuid NOT NULL REFERENCES victims(id),
  referral_id uuid NOT NULL REFERENCES referrals(id),
  recipient text NOT NULL CHECK (recipient IN ('victim', 'parent_guardian')),
  enhanced boolean NOT NULL,
  clock_from timestamptz NOT NULL,
  due date,                        -- null only past the bank-holiday data
  late_on_arrival boolean NOT NULL,
  state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending')),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (case_event_id, victim_id)
);
CREATE INDEX case_updates_due ON case_updates (due) WHERE state = 'pending';
CREATE INDEX case_updates_victim ON case_updates (victim_id);
