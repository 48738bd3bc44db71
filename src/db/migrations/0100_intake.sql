-- Intake (issue 3): victims, every record received, accepted referrals, import batches and
-- possible-match reviews. Field names follow docs/formats/police-referral-feed.md (the spec).
-- Flags are stored as one character: 'Y', 'N' or 'U'. Dates are `date` (read back as 'YYYY-MM-DD').

-- A person the hub supports. Contact details and safety flags are the latest known (from the most
-- recent accepted referral); each referral keeps its own copy as received.
CREATE TABLE victims (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  title text,
  forename text NOT NULL,
  surname text NOT NULL,
  date_of_birth date,
  gender text CHECK (gender IN ('female', 'male', 'other', 'unknown')),
  address_line1 text,
  address_line2 text,
  town text,
  postcode text,
  phone_mobile text,             -- E.164
  phone_other text,              -- E.164
  email text,
  preferred_contact text CHECK (preferred_contact IN ('phone', 'sms', 'email', 'letter')),
  safe_to_call char(1) NOT NULL DEFAULT 'U' CHECK (safe_to_call IN ('Y', 'N', 'U')),
  safe_to_text char(1) NOT NULL DEFAULT 'U' CHECK (safe_to_text IN ('Y', 'N', 'U')),
  safe_to_email char(1) NOT NULL DEFAULT 'U' CHECK (safe_to_email IN ('Y', 'N', 'U')),
  safe_to_leave_voicemail char(1) NOT NULL DEFAULT 'U' CHECK (safe_to_leave_voicemail IN ('Y', 'N', 'U')),
  safe_to_write char(1) NOT NULL DEFAULT 'U' CHECK (safe_to_write IN ('Y', 'N', 'U')),
  safe_contact_notes text,
  language text NOT NULL DEFAULT 'en',
  interpreter_required char(1) NOT NULL DEFAULT 'U' CHECK (interpreter_required IN ('Y', 'N', 'U')),
  -- victim_type parent_guardian: the phone, email and address are the parent's or guardian's.
  contact_is_proxy boolean NOT NULL DEFAULT false,
  force_code text,
  victim_person_ref text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  -- Set when a person found this record to be the same victim as another: the other one is kept.
  -- Unmerging clears it. Readers resolve a merged victim to the one it was merged into.
  merged_into uuid REFERENCES victims(id),
  merged_at timestamptz,
  merged_by uuid REFERENCES users(id),
  CHECK (merged_into IS NULL OR merged_into <> id)
);
CREATE INDEX victims_merged_into ON victims (merged_into) WHERE merged_into IS NOT NULL;
CREATE INDEX victims_surname ON victims (lower(surname));

-- One identity snapshot per record that linked to a victim (name, date of birth, contacts as that record
-- gave them): the matcher scores an incoming record against every snapshot of a candidate victim.
CREATE TABLE victim_identities (
  id bigserial PRIMARY KEY,
  victim_id uuid NOT NULL REFERENCES victims(id),
  receipt_id uuid,
  subject jsonb NOT NULL,        -- a MatchSubject (src/domain/matching/candidate.ts)
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX victim_identities_victim ON victim_identities (victim_id);

-- Blocking keys (src/domain/matching blockingKeys) of every identity snapshot: candidates are the victims
-- sharing any key with the incoming record. victim_id is the victim the snapshot was recorded for
-- (not rewritten on merge: readers resolve merged_into).
CREATE TABLE victim_match_keys (
  victim_id uuid NOT NULL REFERENCES victims(id),
  identity_id bigint NOT NULL REFERENCES victim_identities(id),
  key text NOT NULL
);
CREATE INDEX victim_match_keys_key ON victim_match_keys (key);
CREATE INDEX victim_match_keys_victim ON victim_match_keys (victim_id);

-- One file, API call or form submission. The idempotency key (the Idempotency-Key header, or a file's
-- sha256) makes a repeat of the same batch, or a re-run after a crash, resume instead of re-count.
CREATE TABLE import_batches (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  source text NOT NULL CHECK (source IN ('police_feed', 'partner', 'self_referral')),
  organisation_id uuid REFERENCES organisations(id),
  file_name text,
  idempotency_key text,
  -- sha256 of the request body, so the same key with a different body is refused (HTTP 422).
  request_hash text,
  -- The stored HTTP response for an Idempotency-Key replay.
  response jsonb,
  status text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'finished')),
  received integer NOT NULL DEFAULT 0,
  accepted integer NOT NULL DEFAULT 0,
  duplicate integer NOT NULL DEFAULT 0,
  quarantined integer NOT NULL DEFAULT 0,
  consent_refused integer NOT NULL DEFAULT 0,
  started_by text NOT NULL,
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  CHECK (received = accepted + duplicate + quarantined + consent_refused)
);
CREATE UNIQUE INDEX import_batches_idempotency ON import_batches (organisation_id, idempotency_key)
  NULLS NOT DISTINCT WHERE idempotency_key IS NOT NULL;

-- One row per record received, whatever became of it: the reconciliation is a count of these rows.
CREATE TABLE referral_receipts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  batch_id uuid NOT NULL REFERENCES import_batches(id),
  record_number integer NOT NULL CHECK (record_number >= 1),   -- 1-based position in its file or batch
  received_at timestamptz NOT NULL,
  source text NOT NULL CHECK (source IN ('police_feed', 'partner', 'self_referral')),
  organisation_id uuid REFERENCES organisations(id),
  referral_id text,              -- the sender's id; null when missing (self-referral, or a bad record)
  force_code text,
  crime_reference text,
  fingerprint text,              -- src/domain/referral-feed fingerprint(): "same content"
  raw jsonb NOT NULL,            -- as received, extra columns included (consent refused: contacts removed)
  normalised jsonb,              -- NormalisedReferral after corrections (consent refused: redacted)
  state text NOT NULL CHECK (state IN ('accepted', 'duplicate', 'quarantined', 'consent_refused')),
  reasons text[] NOT NULL DEFAULT '{}',
  warnings text[] NOT NULL DEFAULT '{}',
  -- duplicate: 'resend' (same referral_id, same content) or 'same_crime' (victim already referred).
  duplicate_kind text CHECK (duplicate_kind IN ('resend', 'same_crime')),
  duplicate_of uuid REFERENCES referral_receipts(id),
  victim_id uuid REFERENCES victims(id),             -- accepted and duplicate records
  original_victim_id uuid REFERENCES victims(id),    -- as linked at receipt, before any merge
  referral_uuid uuid,            -- the referral this record created (accepted) or duplicates
  superseded_by uuid REFERENCES referral_receipts(id),
  superseded_at timestamptz,
  -- Data quality: a quarantined record is released (with corrections) or rejected by a person.
  resolution text CHECK (resolution IN ('released', 'rejected')),
  resolved_by uuid REFERENCES users(id),
  resolved_by_label text,
  resolved_at timestamptz,
  resolution_reason text,
  corrections jsonb,             -- the fields a data quality officer changed on release
  quarantine_reasons text[],     -- the reasons it was held for, kept after release
  UNIQUE (batch_id, record_number),
  CHECK ((state = 'quarantined') = (cardinality(reasons) > 0))
);
CREATE INDEX referral_receipts_referral_id ON referral_receipts (organisation_id, referral_id, fingerprint)
  WHERE referral_id IS NOT NULL;
CREATE INDEX referral_receipts_crime ON referral_receipts (force_code, crime_reference);
CREATE INDEX referral_receipts_open_quarantine ON referral_receipts (received_at)
  WHERE state = 'quarantined' AND resolution IS NULL AND superseded_by IS NULL;
CREATE INDEX referral_receipts_victim ON referral_receipts (victim_id);
CREATE INDEX referral_receipts_received_at ON referral_receipts (received_at);

-- An accepted referral: one victim, one crime. Triage and casework start from here.
CREATE TABLE referrals (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  receipt_id uuid NOT NULL UNIQUE REFERENCES referral_receipts(id),
  victim_id uuid NOT NULL REFERENCES victims(id),            -- current victim (follows merges)
  original_victim_id uuid NOT NULL REFERENCES victims(id),   -- as linked at intake
  source text NOT NULL CHECK (source IN ('police_feed', 'partner', 'self_referral')),
  organisation_id uuid REFERENCES organisations(id),
  referral_id text,
  force_code text NOT NULL,
  crime_reference text NOT NULL,
  crime_category text NOT NULL,
  offence_code text,
  offence_description text,
  domestic_abuse char(1) NOT NULL DEFAULT 'U',
  hate_crime char(1) NOT NULL DEFAULT 'U',
  hate_strands text[] NOT NULL DEFAULT '{}',
  cse char(1) NOT NULL DEFAULT 'U',
  cyber char(1) NOT NULL DEFAULT 'U',
  rural char(1) NOT NULL DEFAULT 'U',
  -- flags: every Y flag among domestic_abuse, hate_crime, cse, cyber, rural, vulnerable, intimidated,
  -- persistently_targeted, interpreter_required, under_18 (for quick filtering and routing).
  flags text[] NOT NULL DEFAULT '{}',
  victim_type text NOT NULL,
  under_18 boolean NOT NULL DEFAULT false,
  reported_at timestamptz NOT NULL,
  crime_recorded_at timestamptz,
  sent_at timestamptz NOT NULL,
  received_at timestamptz NOT NULL,
  record jsonb NOT NULL,         -- the whole NormalisedReferral
  -- Contact and safety as this referral gave them.
  address_line1 text,
  address_line2 text,
  town text,
  postcode text,
  phone_mobile text,
  phone_other text,
  email text,
  preferred_contact text,
  safe_to_call char(1) NOT NULL DEFAULT 'U',
  safe_to_text char(1) NOT NULL DEFAULT 'U',
  safe_to_email char(1) NOT NULL DEFAULT 'U',
  safe_to_leave_voicemail char(1) NOT NULL DEFAULT 'U',
  safe_to_write char(1) NOT NULL DEFAULT 'U',
  safe_contact_notes text,
  safe_channels text[] NOT NULL DEFAULT '{}',   -- channels the hub may use, preferred first
  contact_is_proxy boolean NOT NULL DEFAULT false,
  language text NOT NULL DEFAULT 'en',
  interpreter_required char(1) NOT NULL DEFAULT 'U',
  vulnerable char(1) NOT NULL DEFAULT 'U',
  vulnerability_reasons text[] NOT NULL DEFAULT '{}',
  intimidated char(1) NOT NULL DEFAULT 'U',
  persistently_targeted char(1) NOT NULL DEFAULT 'U',
  consent_to_refer char(1) NOT NULL,
  thrive_threat text,
  thrive_harm text,
  thrive_risk text,
  thrive_vulnerability text,
  -- Workflow state, owned by triage and casework from here on; intake creates 'new'.
  status text NOT NULL DEFAULT 'new',
  enhanced boolean NOT NULL,
  enhanced_reasons text[] NOT NULL DEFAULT '{}',
  entitlements jsonb NOT NULL DEFAULT '{}'::jsonb,
  -- Referrals for this victim in the 12 months before reported_at (at intake): repeat victimisation.
  repeat_count integer NOT NULL DEFAULT 0,
  police_referral_due date,
  police_referral_on_time boolean,
  first_contact_due date,
  created_at timestamptz NOT NULL DEFAULT now(),
  -- One referral per victim per crime, as intake linked it; merges may later bring two under one victim.
  UNIQUE (force_code, crime_reference, original_victim_id)
);
CREATE INDEX referrals_crime_victim ON referrals (force_code, crime_reference, victim_id);
CREATE INDEX referrals_victim ON referrals (victim_id, reported_at);
CREATE INDEX referrals_status ON referrals (status, first_contact_due);
CREATE INDEX referrals_created_at ON referrals (created_at);

-- "Possible match": the incoming record got a new victim, but it may be an existing one. A person decides
-- (merge the two victims, or mark them distinct).
CREATE TABLE match_reviews (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  receipt_id uuid NOT NULL REFERENCES referral_receipts(id),
  incoming_victim_id uuid NOT NULL REFERENCES victims(id),
  candidate_victim_id uuid NOT NULL REFERENCES victims(id),
  score numeric NOT NULL,
  evidence text[] NOT NULL DEFAULT '{}',
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'merged', 'distinct')),
  created_at timestamptz NOT NULL DEFAULT now(),
  resolved_by uuid REFERENCES users(id),
  resolved_at timestamptz,
  resolution_note text,
  UNIQUE (receipt_id, candidate_victim_id)
);
CREATE INDEX match_reviews_open ON match_reviews (created_at) WHERE status = 'open';
CREATE INDEX match_reviews_victims ON match_reviews (incoming_victim_id, candidate_victim_id);
