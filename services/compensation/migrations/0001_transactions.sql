-- Sales transactions imported from source systems, every version kept, and the monthly FX
-- rates they are converted with at calculation time. Money is NUMERIC(24,6) (the Decimal
-- type's six fractional digits), read and written as decimal text.

-- One row per committed import: who ran it, how, and what it did.
CREATE TABLE transaction_imports (
  import_id         BIGSERIAL PRIMARY KEY,
  request_id        TEXT,
  mode              TEXT NOT NULL CHECK (mode IN ('ALL_OR_NOTHING', 'ACCEPT_VALID')),
  principal         TEXT NOT NULL,
  received_count    INTEGER NOT NULL,
  inserted_count    INTEGER NOT NULL,
  new_version_count INTEGER NOT NULL,
  unchanged_count   INTEGER NOT NULL,
  rejected_count    INTEGER NOT NULL,
  import_time       TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Every version of every transaction. (source_system, transaction_id) is the transaction;
-- a re-import with changed content adds version n + 1 and sets the previous version's
-- superseded_time to the new one's import_time, so the versions in force at T are those with
-- import_time <= T AND (superseded_time IS NULL OR superseded_time > T).
--
-- Written only by the import's binary COPY, so every index and per-row check costs import
-- throughput: there is no foreign key to transaction_imports (a per-row trigger) and no
-- index beyond the key yet. Lists walk the key in order; the calculation's period reads will
-- add the index their query needs (docs/benchmarks.md: a plain date index costs about a
-- fifth of the import's COPY). The key's text columns compare bytewise (COLLATE "C"): the
-- order of keyset pages, and the cheapest comparisons for the key's index.
CREATE TABLE transactions (
  source_system    TEXT COLLATE "C" NOT NULL,
  transaction_id   TEXT COLLATE "C" NOT NULL,
  version          INTEGER NOT NULL CHECK (version >= 1),
  transaction_type TEXT NOT NULL
    CHECK (transaction_type IN ('ORDER', 'INVOICE', 'CANCELLATION', 'REFUND', 'ADJUSTMENT')),
  transaction_date DATE NOT NULL,
  account_id       TEXT NOT NULL,
  product_id       TEXT NOT NULL,
  -- Signed as it counts toward credit: reversals negative (docs/compensation.md).
  amount           NUMERIC(24,6) NOT NULL,
  currency         CHAR(3) NOT NULL,
  quantity         NUMERIC(24,6),
  margin           NUMERIC(24,6),
  owner_seller_id  TEXT,
  -- JSON kept as text, [{"seller_id": "rep-001", "percent": "60", "overlay": false}, ...] in
  -- the order sent; NULL when there are none. Text rather than jsonb: jsonb's conversion
  -- on input costs the import about a fifth of its COPY (docs/benchmarks.md), and the
  -- service both writes and parses it; SQL that needs it casts (splits::jsonb).
  splits           TEXT,
  -- JSON kept as text, {"key": "value", ...}; NULL when there are none.
  attributes       TEXT,
  -- First 16 bytes of SHA-256 over the canonical content (content_digest.h): an unchanged
  -- re-import is recognised without reading the row.
  content_digest   BYTEA NOT NULL,
  import_id        BIGINT NOT NULL,
  import_time      TIMESTAMPTZ NOT NULL DEFAULT now(),
  superseded_time  TIMESTAMPTZ,
  PRIMARY KEY (source_system, transaction_id, version)
);

-- 1 unit of from_currency = rate units of to_currency, for transactions dated in `month`.
CREATE TABLE fx_rates (
  from_currency CHAR(3) NOT NULL,
  to_currency   CHAR(3) NOT NULL,
  month         DATE NOT NULL CHECK (extract(day FROM month) = 1),
  rate          NUMERIC(24,6) NOT NULL CHECK (rate > 0),
  update_time   TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (from_currency, to_currency, month),
  CHECK (from_currency <> to_currency)
);
