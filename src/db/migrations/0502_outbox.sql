-- The outbox: every message to a victim is a row written in the same transaction as the action that
-- causes it, then sent by the outbox job. The row's id is the message's reference at GOV.UK Notify, so a
-- retry looks it up before sending again and a message is never sent twice.
CREATE TABLE outbox_messages (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  victim_id uuid NOT NULL REFERENCES victims(id),
  case_id uuid REFERENCES cases(id),
  attempt_id uuid REFERENCES contact_attempts(id),
  message_type text NOT NULL,
  channel text NOT NULL CHECK (channel IN ('text', 'email', 'letter')),
  language text NOT NULL CHECK (language IN ('en', 'cy')),
  -- The content's placeholders (firstName…). The recipient is read from the victim when it is sent, so
  -- a number or address changed meanwhile is never used.
  placeholders jsonb NOT NULL DEFAULT '{}'::jsonb,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'accepted', 'kept',
    'delivered', 'permanent_failure', 'temporary_failure', 'refused')),
  tries integer NOT NULL DEFAULT 0,
  next_try_at timestamptz NOT NULL DEFAULT now(),
  claimed_at timestamptz,
  -- Where it went (phone number, email address or address lines) once sent.
  sent_to jsonb,
  -- The words as sent ({subject, body}): what staff read in the outbox page.
  content jsonb,
  provider_id text,
  provider_status text,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  accepted_at timestamptz,
  status_checked_at timestamptz,
  completed_at timestamptz
);
CREATE INDEX outbox_due ON outbox_messages (next_try_at) WHERE status IN ('pending', 'sending');
CREATE INDEX outbox_accepted ON outbox_messages (status_checked_at) WHERE status = 'accepted';
CREATE INDEX outbox_case ON outbox_messages (case_id, created_at);
