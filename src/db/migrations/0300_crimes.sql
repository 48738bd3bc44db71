-- police.uk street-level crime and ONS population, for the needs assessment (docs/needs-assessment.md).

-- One row per force and month imported. Re-importing the month replaces its rows in one transaction;
-- the unique key is what stops a month from ever being counted twice.
CREATE TABLE crime_imports (
  id bigserial PRIMARY KEY,
  force_slug text NOT NULL,
  force_name text NOT NULL,
  month char(7) NOT NULL CHECK (month ~ '^\d{4}-(0[1-9]|1[0-2])$'),
  source_file text NOT NULL,
  sha256 text NOT NULL,
  row_count integer NOT NULL CHECK (row_count >= 0),
  crime_count integer NOT NULL,
  asb_count integer NOT NULL,
  no_location_count integer NOT NULL,
  lsoa_vintage smallint CHECK (lsoa_vintage IN (2011, 2021)),
  imported_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (force_slug, month)
);

-- One row per data row of the file. ASB rows that are exact duplicates are separate incidents, so the key
-- is the line number within the import, never the (not unique) Crime ID or the row's content.
CREATE TABLE crime_records (
  import_id bigint NOT NULL REFERENCES crime_imports(id) ON DELETE CASCADE,
  line integer NOT NULL,
  force_slug text NOT NULL,
  month char(7) NOT NULL,
  crime_id text,
  reported_by text NOT NULL,
  falls_within text NOT NULL,
  longitude double precision,
  latitude double precision,
  location text,
  lsoa_code text,
  lsoa_name text,
  lsoa_vintage smallint CHECK (lsoa_vintage IN (2011, 2021)),
  district text,
  crime_type text NOT NULL,
  category text NOT NULL CHECK (category IN ('victim-based', 'society', 'asb')),
  last_outcome text,
  context text,
  PRIMARY KEY (import_id, line),
  CHECK ((lsoa_code IS NULL) = (lsoa_vintage IS NULL))
);
CREATE INDEX crime_records_force_month ON crime_records (force_slug, month);

-- ONS population by LSOA, by vintage (2011 or 2021 boundaries) and reference year.
CREATE TABLE population_lsoa (
  vintage smallint NOT NULL CHECK (vintage IN (2011, 2021)),
  code text NOT NULL,
  name text,
  reference text NOT NULL,          -- 'mid-2017', 'mid-2019', 'mid-2020', 'census-2021'
  population integer NOT NULL CHECK (population >= 0),
  source text NOT NULL,
  PRIMARY KEY (vintage, code, reference)
);

-- ONS population by local authority district (the LSOA name prefix names the district).
CREATE TABLE population_district (
  geography text NOT NULL,          -- 'lad19', 'lad21'
  code text NOT NULL,
  name text NOT NULL,
  reference text NOT NULL,          -- 'mid-2019', 'mid-2020'
  population integer NOT NULL CHECK (population >= 0),
  source text NOT NULL,
  PRIMARY KEY (geography, code, reference)
);
CREATE INDEX population_district_name ON population_district (name);
