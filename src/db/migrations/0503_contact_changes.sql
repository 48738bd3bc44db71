-- Changes of a victim's contact details and safe-contact rules: a version for "this changed since you
-- opened it", and every number, email and address a change replaced, retired for good.
ALTER TABLE victims
  ADD COLUMN contact_version integer NOT NULL DEFAULT 1,
  -- A number or address given after a change is confidential by default: never shared onward.
  ADD COLUMN contact_confidential boolean NOT NULL DEFAULT false,
  ADD COLUMN contact_changed_at timestamptz;

CREATE TABLE retired_contacts (
  id bigserial PRIMARY KEY,
  victim_id uuid NOT NULL REFERENCES victims(id),
  kind text NOT NULL CHECK (kind IN ('phone', 'email', 'address')),
  -- E.164 for a phone, the address as lower-case line 1 and postcode ("1 high st|CV344AB").
  value text NOT NULL,
  retired_at timestamptz NOT NULL DEFAULT now(),
  retired_by_label text NOT NULL
);
CREATE INDEX retired_contacts_victim ON retired_contacts (victim_id);
