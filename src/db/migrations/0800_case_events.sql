-- Police case events (the "Case events feed"): every event received is accounted for in
-- case_event_receipts; the usable ones are kept once each in case_events, held until the hub has a
-- referral for their crime and then matched.
CREATE TABLE case_event_batches (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid REFERENCES organisations(id),
  file_name text,
  idempotency_key text,
  request_hash text,
  response jsonb,
  status text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'finished')),
  started_by text NOT NULL,
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
-- NULLS NOT DISTINCT: a file imported with no sending organisation still replays on a second import.
CREATE UNIQUE INDEX case_event_batches_idempotency
  ON case_event_batches (organisation_id, idempotency_key) NULLS NOT DISTINCT WHERE idempotency_key IS NOT NULL;

CREATE TABLE case_events (
  id uuid PRIMARY KEY,
  event_id text NOT NULL UNIQUE,
  force_code text NOT NULL,
  crime_reference text NOT NULL,
  event_type text NOT NULL,
  occurred_at timestamptz NOT NULL,
  sent_at timestamptz NOT NULL,
  details text,
  hearing_at timestamptz,
  court_name text,
  received_at timestamptz NOT NULL,
  -- held: no referral for the crime yet; matched: one arrived (matched_at is when, and the due dates
  -- of a held event run from then).
  status text NOT NULL CHECK (status IN ('held', 'matched')),
  matched_at timestamptz,
  CHECK ((status = 'matched') = (matched_at IS NOT NULL))
);
CREATE INDEX case_events_crime ON case_events (force_code, crime_reference);
CREATE INDEX case_events_held ON case_events (force_code, crime_reference) WHERE status = 'held';

CREATE TABLE case_event_receipts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  batch_id uuid NOT NULL REFERENCES case_event_batches(id),
  record_number integer NOT NULL,
  received_at timestamptz NOT NULL,
  event_id text,
  force_code text,
  crime_reference text,
  raw jsonb NOT NULL,
  state text NOT NULL CHECK (state IN ('accepted', 'duplicate', 'held', 'quarantined')),
  reasons text[] NOT NULL DEFAULT '{}',
  case_event_id uuid REFERENCES case_events(id),
  duplicate_of uuid REFERENCES case_events(id),
  UNIQUE (batch_id, record_number)
);
CREATE INDEX case_event_receipts_quarantined ON case_event_receipts (received_at) WHERE state = 'quarantined';
