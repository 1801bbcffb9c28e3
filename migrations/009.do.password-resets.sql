-- Password reset by e-mail (issue 16). The link's token is never stored: only its SHA-256, so a
-- copy of the database cannot reset anyone's password. A token is short-lived and single-use
-- (used_at); deleting the user deletes their tokens.
CREATE TABLE password_resets (
  token_hash text PRIMARY KEY CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);

-- A successful reset deletes the user's other tokens by this index.
CREATE INDEX password_resets_user_id_idx ON password_resets (user_id);
