-- Failed sign-ins with an email address that is no account are counted and locked exactly as an
-- account's own are, so what the sign-in page answers never tells which addresses are accounts.
-- Only a hash of the address typed is kept.
CREATE TABLE sign_in_attempts (
  email_hash text PRIMARY KEY,
  failures integer NOT NULL,
  locked_until timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sign_in_attempts_updated ON sign_in_attempts (updated_at);
