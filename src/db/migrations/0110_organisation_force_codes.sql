-- A police force's code, as its feed records carry it in force_code (2–12 of A–Z, 0–9, _), so that a
-- new force can be set up by an administrator. Only police forces have one, and no two share it.
ALTER TABLE organisations ADD COLUMN force_code text
  CHECK (force_code IS NULL OR (kind = 'police' AND force_code ~ '^[A-Z0-9_]{2,12}$'));
CREATE UNIQUE INDEX organisations_force_code ON organisations (force_code) WHERE force_code IS NOT NULL;
