#pragma once
// Tables every service schema has, applied before the service's own migrations:
// the transactional outbox, consumer cursors and idempotency keys.

#include <vector>

#include "common/db/migrations.h"

namespace attain::db {

// Prepends the common migrations ("0000_attain_common.sql") to a service's own list.
std::vector<Migration> WithCommonMigrations(const std::vector<Migration>& service_migrations);

}  // namespace attain::db
