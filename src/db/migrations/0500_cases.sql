-- Cases: the hub's work with one victim, opened when a triaged referral is allocated. One open case per
-- victim: a repeat victim's new referral joins it. The lead worker stays in lead_workers (one per victim).
CREATE TABLE cases (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  victim_id uuid NOT NULL REFERENCES victims(id),
  state text NOT NULL CHECK (state IN ('awaiting_first_contact', 'contacting', 'assessing', 'supported',
    'stepped_down', 'closed')),
  -- The pathway of the referral that opened it, and every restricted pathway of its referrals (need to know).
  pathway_id text REFERENCES pathways(id),
  restricted_pathways text[] NOT NULL DEFAULT '{}',
  opened_at timestamptz NOT NULL DEFAULT now(),
  opened_by_label text NOT NULL,
  -- The date the next thing is due: first contact while awaiting it, then the next attempt or review.
  next_action_due date,
  first_contacted_at timestamptz,
  closed_at timestamptz,
  closure_reason text CHECK (closure_reason IN ('support_completed', 'declined_support',
    'not_contacted_after_attempts', 'referred_on', 'moved_out_of_area', 'other')),
  closure_note text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((state = 'closed') = (closed_at IS NOT NULL AND closure_reason IS NOT NULL))
);
CREATE UNIQUE INDEX cases_one_open_per_victim ON cases (victim_id) WHERE state <> 'closed';
CREATE INDEX cases_next_action ON cases (next_action_due) WHERE state <> 'closed';

CREATE TABLE case_referrals (
  referral_id uuid PRIMARY KEY REFERENCES referrals(id),
  case_id uuid NOT NULL REFERENCES cases(id),
  joined_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_referrals_case ON case_referrals (case_id);

-- Every change of a case, with who, when and why (the audit log holds the same, hash-chained).
CREATE TABLE case_history (
  id bigserial PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES cases(id),
  at timestamptz NOT NULL DEFAULT now(),
  kind text NOT NULL CHECK (kind IN ('opened', 'referral_joined', 'state_changed', 'closed', 'reopened',
    'lead_worker_taken', 'lead_worker_allocated', 'contact_attempt', 'message_queued', 'message_delivered',
    'message_failed', 'contact_changed', 'transfer_requested',
    'transfer_accepted', 'transfer_declined')),
  from_state text,
  to_state text,
  reason text,
  by_user uuid REFERENCES users(id),
  by_label text NOT NULL,
  details jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX case_history_case ON case_history (case_id, at);
