#include "common/db/migrations.h"

#include "absl/strings/str_cat.h"
#include "common/db/pg.h"
#include "common/log/log.h"

namespace attain::db {
namespace {

// FNV-1a: a stable fingerprint of a migration's text, to detect edited migrations.
std::string Fingerprint(const std::string& text) {
  uint64_t hash = 1469598103934665603ULL;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ULL;
  }
  return absl::StrCat(absl::Hex(hash, absl::kZeroPad16));
}

}  // namespace

absl::StatusOr<std::string> ApplyMigrations(PgPool& pool, const std::string& schema,
                                            const std::vector<Migration>& migrations) {
  auto lease = pool.Acquire(absl::Seconds(30));
  if (!lease.ok()) return lease.status();
  PgConn& conn = **lease;
  // Session-level lock: replicas starting together wait here; the first applies, the
  // others then find every migration recorded. hashtext() keys the lock by schema.
  if (auto lock = conn.Exec("SELECT pg_advisory_lock(hashtext($1))", {"attain.migrate." + schema});
      !lock.ok()) {
    return lock.status();
  }
  auto unlock = [&conn, &schema] {
    (void)conn.Exec("SELECT pg_advisory_unlock(hashtext($1))", {"attain.migrate." + schema});
  };
  if (auto created = conn.Exec(
          "CREATE TABLE IF NOT EXISTS schema_migrations ("
          " name TEXT PRIMARY KEY, fingerprint TEXT NOT NULL,"
          " applied_at TIMESTAMPTZ NOT NULL DEFAULT now())");
      !created.ok()) {
    unlock();
    return created.status();
  }
  std::string newest;
  for (const Migration& migration : migrations) {
    const std::string fingerprint = Fingerprint(migration.sql);
    auto existing = conn.Exec("SELECT fingerprint FROM schema_migrations WHERE name = $1",
                              {migration.name});
    if (!existing.ok()) {
      unlock();
      return existing.status();
    }
    if (existing->rows() == 1) {
      if (existing->GetString(0, 0) != fingerprint) {
        unlock();
        return absl::FailedPreconditionError(absl::StrCat(
            "migration ", migration.name, " was changed after it was applied to schema ",
            schema, "; add a new migration instead"));
      }
      newest = migration.name;
      continue;
    }
    // Each migration and its record commit together or not at all. The migration text
    // may hold several statements, which needs the simple query protocol (PQexec).
    absl::Status applied = [&]() -> absl::Status {
      if (auto begin = conn.Exec("BEGIN"); !begin.ok()) return begin.status();
      PGresult* raw = PQexec(conn.raw(), migration.sql.c_str());
      PgResult result(raw);
      ExecStatusType status = raw ? PQresultStatus(raw) : PGRES_FATAL_ERROR;
      if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
        return StatusFromResult(raw, conn.raw());
      }
      if (auto record = conn.Exec(
              "INSERT INTO schema_migrations(name, fingerprint) VALUES ($1, $2)",
              {migration.name, fingerprint});
          !record.ok()) {
        return record.status();
      }
      return conn.Exec("COMMIT").status();
    }();
    if (!applied.ok()) {
      (void)conn.Exec("ROLLBACK");
      unlock();
      return absl::Status(applied.code(),
                          absl::StrCat("migration ", migration.name, ": ", applied.message()));
    }
    log::Info("migration applied", {{"schema", schema}, {"migration", migration.name}});
    newest = migration.name;
  }
  unlock();
  return newest;
}

}  // namespace attain::db
