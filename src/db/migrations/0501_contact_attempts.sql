-- Contact attempts, the tasks the attempt policy raises, the times the victim said are safe, and first
-- contact recorded against each referral's deadline.
ALTER TABLE victims
  ADD COLUMN safe_days smallint[] NOT NULL DEFAULT '{}',   -- ISO weekdays (1 Monday); empty = any day
  ADD COLUMN safe_from time,                               -- London time; null = from the start of the day
  ADD COLUMN safe_to time,                                 -- London time; null = to the end of the day
  ADD COLUMN someone_else_answers text;                    -- what to say if someone else answers

ALTER TABLE referrals
  ADD COLUMN first_contacted_at timestamptz,
  -- Whether first contact was made by the end of first_contact_due (null: not made yet, or no deadline).
  ADD COLUMN first_contact_on_time boolean;

CREATE TABLE contact_attempts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL REFERENCES cases(id),
  at timestamptz NOT NULL,
  method text NOT NULL CHECK (method IN ('phone_call', 'text', 'email', 'letter', 'in_person', 'video')),
  outcome text NOT NULL CHECK (outcome IN ('spoke', 'no_answer', 'voicemail_left', 'wrong_number',
    'not_safe_to_talk', 'declined_support', 'sent')),
  notes text,
  by_user uuid REFERENCES users(id),
  by_label text NOT NULL
);
CREATE INDEX contact_attempts_case ON contact_attempts (case_id, at);

-- The next thing due on a case, with a working-day due date: one open task of a kind per case.
CREATE TABLE case_tasks (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL REFERENCES cases(id),
  kind text NOT NULL CHECK (kind IN ('contact_attempt', 'closing_letter', 'close_not_contacted', 'message_failed')),
  due_on date NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
  details jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  completed_at timestamptz
);
CREATE UNIQUE INDEX case_tasks_one_open ON case_tasks (case_id, kind) WHERE status = 'open';
CREATE INDEX case_tasks_due ON case_tasks (due_on) WHERE status = 'open';
