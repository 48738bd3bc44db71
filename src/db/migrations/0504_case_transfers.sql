-- A case moves to another lead worker only when that worker accepts it.
CREATE TABLE case_transfers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL REFERENCES cases(id),
  to_user uuid NOT NULL REFERENCES users(id),
  reason text NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'declined')),
  requested_by uuid REFERENCES users(id),
  requested_by_label text NOT NULL,
  requested_at timestamptz NOT NULL DEFAULT now(),
  decided_at timestamptz
);
CREATE UNIQUE INDEX case_transfers_one_pending ON case_transfers (case_id) WHERE status = 'pending';
CREATE INDEX case_transfers_to ON case_transfers (to_user) WHERE status = 'pending';
