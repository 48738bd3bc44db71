-- The service directory (issue 16, ADR 0038): every service the hub knows, routable or not, is a row of
-- providers, so routing, onward referrals, find support and the Open Referral UK API read one list.
ALTER TABLE providers
  ADD COLUMN organisation_name text,
  ADD COLUMN description text NOT NULL DEFAULT '',
  -- What happened, in the directory's plain topics (domain/directory/entries.ts SUPPORT_TOPICS).
  ADD COLUMN topics text[] NOT NULL DEFAULT '{}',
  ADD COLUMN minimum_age integer CHECK (minimum_age >= 0),
  ADD COLUMN maximum_age integer CHECK (maximum_age >= 0),
  -- Empty: everyone.
  ADD COLUMN genders text[] NOT NULL DEFAULT '{}',
  -- Postcode districts (CV34) or areas (CV) served; ignored when national.
  ADD COLUMN areas_served text[] NOT NULL DEFAULT '{}',
  ADD COLUMN national boolean NOT NULL DEFAULT false,
  ADD COLUMN access_methods text[] NOT NULL DEFAULT '{}',
  ADD COLUMN phone text,
  ADD COLUMN email text,
  ADD COLUMN website text,
  ADD COLUMN opening_times text NOT NULL DEFAULT '',
  ADD COLUMN open_24_hours boolean NOT NULL DEFAULT false,
  ADD COLUMN languages text[] NOT NULL DEFAULT '{en}',
  ADD COLUMN accessibility text,
  ADD COLUMN cost text NOT NULL DEFAULT 'Free',
  -- Published in find support and the API.
  ADD COLUMN listed boolean NOT NULL DEFAULT true,
  -- Chosen by the routing rules; national helplines are listed but never routed to.
  ADD COLUMN routable boolean NOT NULL DEFAULT true,
  -- Set when the directory details were written: the seed never overwrites an administrator's edit.
  ADD COLUMN directory_updated_at timestamptz,
  ADD CONSTRAINT providers_ages CHECK (minimum_age IS NULL OR maximum_age IS NULL OR minimum_age <= maximum_age);

CREATE TABLE directory_locations (
  id uuid PRIMARY KEY,
  provider_id text NOT NULL REFERENCES providers(id) ON DELETE CASCADE,
  name text NOT NULL,
  address_1 text,
  city text,
  postcode text,
  latitude double precision CHECK (latitude BETWEEN -90 AND 90),
  longitude double precision CHECK (longitude BETWEEN -180 AND 180),
  -- A refuge or safe house: never published. Public reads leave the row out and give only service_area.
  confidential boolean NOT NULL DEFAULT false,
  service_area text NOT NULL,
  accessibility text,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX directory_locations_provider ON directory_locations (provider_id);
