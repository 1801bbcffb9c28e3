-- Optional e-mail verification at sign-up (issue 16, EMAIL_VERIFICATION). An account created while
-- it is on waits for its link before it can save favourites. Existing accounts are not waiting.
ALTER TABLE users ADD COLUMN awaiting_email_verification boolean NOT NULL DEFAULT false;

-- As password_resets (009): only the token's SHA-256 is stored; short-lived and single-use.
CREATE TABLE email_verifications (
  token_hash text PRIMARY KEY CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  -- The address the link was sent to: a link for an address the account no longer has verifies nothing.
  email text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);

-- A verification deletes the user's other tokens by this index.
CREATE INDEX email_verifications_user_id_idx ON email_verifications (user_id);
