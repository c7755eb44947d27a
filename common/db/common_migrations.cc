#include "common/db/common_migrations.h"

namespace attain::db {
namespace {

constexpr char kCommonSql[] = R"sql(
-- Transactional outbox: rows are inserted in the same transaction as the change they
-- describe. The relay assigns `sequence` (gap-free, in commit order) and publishes.
CREATE TABLE outbox (
  id             BIGSERIAL PRIMARY KEY,
  sequence       BIGINT UNIQUE,
  event_type     TEXT NOT NULL,
  resource       TEXT NOT NULL,
  payload_json   TEXT NOT NULL,
  create_time    TIMESTAMPTZ NOT NULL DEFAULT now(),
  published_time TIMESTAMPTZ
);
CREATE INDEX outbox_unsequenced ON outbox (id) WHERE sequence IS NULL;
CREATE INDEX outbox_unpublished ON outbox (sequence)
  WHERE sequence IS NOT NULL AND published_time IS NULL;

-- A consumer's durable position in each producer's event sequence.
CREATE TABLE event_cursors (
  producer      TEXT PRIMARY KEY,
  last_sequence BIGINT NOT NULL DEFAULT 0
);

-- Completed mutating requests, so a retried request_id returns the first response.
CREATE TABLE idempotency_keys (
  request_id  TEXT PRIMARY KEY,
  method      TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  response    BYTEA,
  create_time TIMESTAMPTZ NOT NULL DEFAULT now()
);
)sql";

}  // namespace

std::vector<Migration> WithCommonMigrations(const std::vector<Migration>& service_migrations) {
  std::vector<Migration> all = {{"0000_attain_common.sql", kCommonSql}};
  all.insert(all.end(), service_migrations.begin(), service_migrations.end());
  return all;
}

}  // namespace attain::db
