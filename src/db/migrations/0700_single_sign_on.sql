-- Single sign-on: the identity providers (OpenID Connect) each organisation trusts, and which provider
-- account is which hub account. An account made by single sign-on has no password.
CREATE TABLE identity_providers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  -- In the sign-in addresses: /sign-in/sso/<slug>
  slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  display_name text NOT NULL,
  issuer text NOT NULL,
  client_id text NOT NULL,
  client_secret text NOT NULL,          -- sealed with the hub's encryption key (ADR 0021)
  -- The claim whose values (a string or a list, such as "groups" or "roles") give a new account its role.
  role_claim text NOT NULL DEFAULT 'groups',
  -- [{ "value": "vh-caseworkers", "role": "hub_caseworker", "team": "First contact" }], first match wins.
  role_mappings jsonb NOT NULL DEFAULT '[]'::jsonb,
  -- Whether a person with no hub account yet gets one at their first sign-in.
  create_accounts boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE user_identities (
  provider_id uuid NOT NULL REFERENCES identity_providers(id),
  subject text NOT NULL,                -- the provider's "sub" for the person
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  linked_at timestamptz NOT NULL DEFAULT now(),
  last_sign_in_at timestamptz,
  PRIMARY KEY (provider_id, subject),
  UNIQUE (provider_id, user_id)
);

ALTER TABLE users ALTER COLUMN password_hash DROP NOT NULL;
