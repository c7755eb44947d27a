#pragma once
// Versioned SQL migrations, embedded in each service binary from services/<svc>/migrations.

#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace attain::db {

class PgPool;

struct Migration {
  std::string name;  // file name, e.g. "0001_sellers.sql"; applied in name order
  std::string sql;
};

// Applies, in one transaction per migration, every migration not yet recorded in
// <schema>.schema_migrations. Concurrent callers (replicas starting together) serialize on
// a PostgreSQL advisory lock keyed by the schema, so each migration runs exactly once.
// A recorded migration whose text changed is an error (FAILED_PRECONDITION).
// Returns the name of the newest applied migration ("" when there are none).
absl::StatusOr<std::string> ApplyMigrations(PgPool& pool, const std::string& schema,
                                            const std::vector<Migration>& migrations);

}  // namespace attain::db
