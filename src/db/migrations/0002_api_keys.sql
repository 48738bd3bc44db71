-- Keys that let an organisation's systems (a police force's feed, a partner agency) call the JSON API.
-- Only a hash of the secret is kept; the key is shown once when it is made.
CREATE TABLE api_keys (
  id text PRIMARY KEY,
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  label text NOT NULL,
  scopes text[] NOT NULL,
  secret_hash text NOT NULL,
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz,
  last_used_at timestamptz
);
