-- Shoppers: accounts, their server-side sessions (shared by every app instance) and favourites.

CREATE TABLE users (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- Stored lower-cased and trimmed by the application: one account per address.
  email text NOT NULL UNIQUE CHECK (email = lower(email) AND email <> '' AND length(email) <= 254),
  first_name text NOT NULL CHECK (first_name <> '' AND length(first_name) <= 100),
  last_name text CHECK (length(last_name) <= 100),
  -- `scrypt$N$r$p$salt$hash` (base64): the parameters travel with the hash so they can grow.
  password_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sessions (
  sid text PRIMARY KEY,
  data jsonb NOT NULL,
  -- Set while logged in: deleting the user (or changing the password) ends all their sessions.
  user_id integer REFERENCES users (id) ON DELETE CASCADE,
  expires_at timestamptz NOT NULL
);

-- The periodic cleanup deletes expired rows by this index; user_id finds a user's sessions.
CREATE INDEX sessions_expires_at_idx ON sessions (expires_at);
CREATE INDEX sessions_user_id_idx ON sessions (user_id) WHERE user_id IS NOT NULL;

-- "Mes aliments": a product the user wants to replace and the substitute chosen for it.
-- Products are referenced by id and RESTRICT: a catalogue refresh may never delete a product a
-- favourite points at (it keeps it, as the design asks); deleting the user deletes their pairs.
CREATE TABLE favourites (
  user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  product_id integer NOT NULL REFERENCES products (id) ON DELETE RESTRICT,
  substitute_id integer NOT NULL REFERENCES products (id) ON DELETE RESTRICT,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, product_id, substitute_id),
  CHECK (product_id <> substitute_id)
);

-- The RESTRICT checks on product deletion look favourites up by each product column.
CREATE INDEX favourites_product_id_idx ON favourites (product_id);
CREATE INDEX favourites_substitute_id_idx ON favourites (substitute_id);
