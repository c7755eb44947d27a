-- Customer accounts (with a parent hierarchy), the product catalog and booking history.
-- Money is NUMERIC(24,6), read and written as decimal text.
CREATE TABLE accounts (
  account_id        TEXT PRIMARY KEY,
  display_name      TEXT NOT NULL,
  -- Deferred so one import may add a parent and its children in any order. Cycles are
  -- rejected by the service, which serializes account hierarchy writes.
  parent_account_id TEXT REFERENCES accounts (account_id) DEFERRABLE INITIALLY DEFERRED,
  country           CHAR(2) NOT NULL,
  region            TEXT NOT NULL DEFAULT '',
  state             TEXT NOT NULL DEFAULT '',
  postal_code       TEXT NOT NULL DEFAULT '',
  industry          TEXT NOT NULL DEFAULT '',
  segment           TEXT NOT NULL DEFAULT '',
  employee_count    BIGINT NOT NULL DEFAULT 0 CHECK (employee_count >= 0),
  annual_revenue    NUMERIC(24,6),
  potential         NUMERIC(24,6),
  workload          NUMERIC(24,6),
  currency          TEXT NOT NULL DEFAULT '',
  attributes        JSONB NOT NULL DEFAULT '{}',
  locked            BOOLEAN NOT NULL DEFAULT false,
  revision          BIGINT NOT NULL DEFAULT 1,
  create_time       TIMESTAMPTZ NOT NULL DEFAULT now(),
  update_time       TIMESTAMPTZ NOT NULL DEFAULT now(),
  CHECK (parent_account_id IS NULL OR parent_account_id <> account_id)
);
CREATE INDEX accounts_parent ON accounts (parent_account_id) WHERE parent_account_id IS NOT NULL;
CREATE INDEX accounts_geo ON accounts (country, region, state);
CREATE INDEX accounts_industry ON accounts (industry);
CREATE INDEX accounts_segment ON accounts (segment);

CREATE TABLE products (
  product_id   TEXT PRIMARY KEY,
  display_name TEXT NOT NULL,
  family       TEXT NOT NULL,
  line         TEXT NOT NULL,
  list_price   NUMERIC(24,6) NOT NULL,
  currency     CHAR(3) NOT NULL,
  revision     BIGINT NOT NULL DEFAULT 1,
  create_time  TIMESTAMPTZ NOT NULL DEFAULT now(),
  update_time  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX products_family_line ON products (family, line);
CREATE INDEX products_line ON products (line);

-- Append-only history; an import's request_id makes retries add nothing.
CREATE TABLE bookings (
  booking_id   BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id   TEXT NOT NULL REFERENCES accounts (account_id),
  product_id   TEXT NOT NULL REFERENCES products (product_id),
  booking_date DATE NOT NULL,
  amount       NUMERIC(24,6) NOT NULL,
  currency     CHAR(3) NOT NULL,
  create_time  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX bookings_account_date ON bookings (account_id, booking_date);
CREATE INDEX bookings_product_date ON bookings (product_id, booking_date);
CREATE INDEX bookings_date ON bookings (booking_date);

-- Import staging. An import COPYs its rows here, merges them and deletes them in one
-- transaction, so no other transaction ever sees them (the service may not create
-- temporary tables). UNLOGGED: the rows never need to survive a crash.
CREATE UNLOGGED TABLE account_import (
  account_id TEXT, display_name TEXT, parent_account_id TEXT, country TEXT, region TEXT,
  state TEXT, postal_code TEXT, industry TEXT, segment TEXT, employee_count BIGINT,
  annual_revenue NUMERIC(24,6), potential NUMERIC(24,6), workload NUMERIC(24,6),
  currency TEXT, attributes JSONB, locked BOOLEAN
);
CREATE UNLOGGED TABLE product_import (
  product_id TEXT, display_name TEXT, family TEXT, line TEXT, list_price NUMERIC(24,6),
  currency TEXT
);
CREATE UNLOGGED TABLE booking_import (
  row_number BIGINT, account_id TEXT, product_id TEXT, booking_date DATE,
  amount NUMERIC(24,6), currency TEXT
);
