-- Triage and routing (issue 4): the services directory, versioned routing rules, the bank-holiday
-- calendar deadlines are counted on, each accepted referral's triage (THRIVE, routing, capacity), needs
-- assessments, domestic abuse risk checklists and the tasks they raise, and lead workers.
-- Rules decided here are listed in docs/adr/0010-triage-rules.md.

-- Pathways and providers are seeded from src/domain/triage/pathways.ts at start-up (idempotent) and
-- then belong to the administrator: capacities are edited here, not in code.
CREATE TABLE pathways (
  id text PRIMARY KEY,
  name text NOT NULL,
  description text NOT NULL,
  default_offer text NOT NULL CHECK (default_offer IN ('targeted', 'universal')),
  time_limited boolean NOT NULL,
  out_of_area_option boolean NOT NULL,
  restricted boolean NOT NULL
);

CREATE TABLE providers (
  id text PRIMARY KEY,
  name text NOT NULL,
  pathway_id text NOT NULL REFERENCES pathways(id),
  monthly_referral_capacity integer NOT NULL CHECK (monthly_referral_capacity >= 0),
  active_case_capacity integer NOT NULL CHECK (active_case_capacity >= 0),
  -- As the provider reports it; the hub never invents a wait.
  expected_wait_days integer CHECK (expected_wait_days >= 0),
  out_of_area boolean NOT NULL DEFAULT false,
  -- The team that works this provider's cases, when it has accounts in the hub.
  team_id uuid REFERENCES teams(id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by_label text
);
CREATE INDEX providers_pathway ON providers (pathway_id);

-- Every published version is kept: a routing decision names the version that made it. The current
-- rule set is the highest version; nothing is ever updated in place.
CREATE TABLE routing_rule_sets (
  id bigserial PRIMARY KEY,
  rule_set_id text NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  effective_from date NOT NULL,
  rules jsonb NOT NULL,
  change_note text,
  created_by uuid REFERENCES users(id),
  created_by_label text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (rule_set_id, version)
);

-- Bank holidays imported with `victim-hub holidays import`; the newest row is the calendar in use
-- (none: the copy shipped with the code). Kept, not replaced, so a deadline can be explained later.
CREATE TABLE bank_holiday_calendars (
  id bigserial PRIMARY KEY,
  division text NOT NULL,
  first_year integer NOT NULL,
  last_year integer NOT NULL CHECK (last_year >= first_year),
  holiday_count integer NOT NULL CHECK (holiday_count > 0),
  data jsonb NOT NULL,
  sha256 text NOT NULL,
  source_file text,
  imported_by_label text NOT NULL,
  imported_at timestamptz NOT NULL DEFAULT now()
);

-- One row per accepted referral once triaged: the current THRIVE grading, risk, needs level and
-- routing. History of routing decisions is in routing_history; who changed what is in the audit log.
CREATE TABLE triage (
  referral_id uuid PRIMARY KEY REFERENCES referrals(id),
  -- THRIVE as the police graded it (copied from the referral so a later correction is visible).
  police_thrive jsonb NOT NULL DEFAULT '{}'::jsonb,
  -- The hub's own re-grade, when a worker made one; it replaces the police grading for priority.
  hub_thrive jsonb,
  thrive_regraded_by uuid REFERENCES users(id),
  thrive_regraded_at timestamptz,
  thrive_regrade_reason text,
  thrive_priority text CHECK (thrive_priority IN ('low', 'medium', 'high')),
  -- Latest domestic abuse risk checklist level and needs assessment overall level.
  risk_level text CHECK (risk_level IN ('standard', 'medium', 'high')),
  needs_level text CHECK (needs_level IN ('none', 'low', 'medium', 'high')),
  -- 3 high, 2 medium, 1 low, 0 unknown: the queue's second sort key after the deadline.
  priority_rank smallint NOT NULL DEFAULT 0,
  -- What the victim asked for (the service is victim-led).
  victim_choice_pathway text REFERENCES pathways(id),
  victim_wants_out_of_area boolean NOT NULL DEFAULT false,
  -- Routing result (src/domain/triage/routing.ts RouteResult).
  pathway_id text REFERENCES pathways(id),
  offer text CHECK (offer IN ('targeted', 'universal')),
  provider_id text REFERENCES providers(id),
  matched_rule_id text,
  rule_set_version text,
  explanation text,
  warnings text[] NOT NULL DEFAULT '{}',
  expected_wait_days integer,
  provider_options jsonb NOT NULL DEFAULT '[]'::jsonb,
  -- The month and window this referral counts against for capacity: its own received_at.
  received_at timestamptz NOT NULL,
  routed_at timestamptz NOT NULL DEFAULT now(),
  triaged_at timestamptz NOT NULL DEFAULT now(),
  -- Set by casework when the case ends; an open case counts against its provider's active cases.
  closed_at timestamptz
);
CREATE INDEX triage_provider_received ON triage (provider_id, received_at) WHERE closed_at IS NULL;
CREATE INDEX triage_pathway ON triage (pathway_id);

CREATE TABLE routing_history (
  id bigserial PRIMARY KEY,
  referral_id uuid NOT NULL REFERENCES referrals(id),
  routed_at timestamptz NOT NULL DEFAULT now(),
  -- 'intake', 'thrive_regrade', 'needs_assessment', 'victim_choice', 'risk_checklist'
  trigger text NOT NULL,
  result jsonb NOT NULL,
  by_label text NOT NULL
);
CREATE INDEX routing_history_referral ON routing_history (referral_id, routed_at);

-- One lead worker per victim (the victim, not the referral: a repeat victim keeps one person).
CREATE TABLE lead_workers (
  victim_id uuid PRIMARY KEY REFERENCES victims(id),
  user_id uuid NOT NULL REFERENCES users(id),
  allocated_at timestamptz NOT NULL DEFAULT now(),
  allocated_by uuid REFERENCES users(id),
  allocated_by_label text NOT NULL
);
CREATE INDEX lead_workers_user ON lead_workers (user_id);

-- Answers are kept with the exact form id and version they were given against.
CREATE TABLE needs_assessments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  referral_id uuid NOT NULL REFERENCES referrals(id),
  form_id text NOT NULL,
  form_version integer NOT NULL,
  answers jsonb NOT NULL,
  result jsonb NOT NULL,
  overall_level text NOT NULL CHECK (overall_level IN ('none', 'low', 'medium', 'high')),
  assessed_by uuid REFERENCES users(id),
  assessed_by_label text NOT NULL,
  assessed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX needs_assessments_referral ON needs_assessments (referral_id, assessed_at);

CREATE TABLE risk_checklists (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  referral_id uuid NOT NULL REFERENCES referrals(id),
  form_id text NOT NULL,
  form_version integer NOT NULL,
  answers jsonb NOT NULL,
  result jsonb NOT NULL,
  level text NOT NULL CHECK (level IN ('standard', 'medium', 'high')),
  yes_count integer NOT NULL,
  assessed_by uuid REFERENCES users(id),
  assessed_by_label text NOT NULL,
  assessed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX risk_checklists_referral ON risk_checklists (referral_id, assessed_at);

-- Work a triage decision raises for a person to do: a MARAC referral (or, under 16, a children's
-- safeguarding referral) from a risk checklist.
CREATE TABLE triage_tasks (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  referral_id uuid NOT NULL REFERENCES referrals(id),
  kind text NOT NULL CHECK (kind IN ('marac_referral', 'child_safeguarding_referral')),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
  details jsonb NOT NULL DEFAULT '{}'::jsonb,
  risk_checklist_id uuid REFERENCES risk_checklists(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by_label text NOT NULL,
  completed_at timestamptz,
  completed_by uuid REFERENCES users(id)
);
-- One open task of a kind per referral: a second high checklist does not raise a second MARAC task.
CREATE UNIQUE INDEX triage_tasks_open ON triage_tasks (referral_id, kind) WHERE status = 'open';

-- What the referrals export adds per accepted referral (joined on referrals.id = referral_uuid).
CREATE VIEW referral_export_triage AS
SELECT t.referral_id,
       t.pathway_id AS pathway,
       t.offer,
       t.provider_id AS provider,
       t.expected_wait_days,
       t.thrive_priority,
       t.warnings AS triage_warnings,
       t.rule_set_version,
       t.matched_rule_id AS routing_rule,
       t.triaged_at
FROM triage t;
