#pragma once
// SQL for territories, their versions, seller coverage and stored assignment results.
// Rules are kept as proto3 JSON of the version's AssignmentRule list.

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "attain/planning/v1/territories.pb.h"
#include "common/db/pg.h"
#include "services/planning/engine/territory/account_table.h"

namespace attain::planning::territories {

// Serializes territory and coverage writes (hierarchy and split checks need a stable view).
absl::Status LockTerritories(db::PgConn& tx);

// Every territory with all its versions, by id.
absl::StatusOr<std::vector<v1::Territory>> LoadTerritories(db::PgConn& conn);
absl::StatusOr<std::optional<v1::Territory>> GetTerritory(db::PgConn& conn, const std::string& id);

absl::Status InsertTerritory(db::PgConn& tx, const v1::Territory& territory);
// Replaces display name and versions; bumps revision. NOT_FOUND when absent.
absl::Status UpdateTerritory(db::PgConn& tx, const v1::Territory& territory);
absl::Status DeleteTerritory(db::PgConn& tx, const std::string& id);
// True when any version of another territory names `id` as parent.
absl::StatusOr<bool> HasChildren(db::PgConn& conn, const std::string& id);

struct TerritoryPage {
  std::vector<v1::Territory> territories;
  int total = 0;
  bool more = false;
};
absl::StatusOr<TerritoryPage> ListTerritories(db::PgConn& conn, const std::string& type,
                                              const std::string& level,
                                              const std::string& after_id, int limit);

absl::Status ReplaceSellerAssignments(db::PgConn& tx, const std::string& territory_id,
                                      const std::vector<v1::SellerAssignment>& assignments);
// Filters are optional ("" = any); as_of keeps only assignments effective that day.
absl::StatusOr<std::vector<v1::SellerAssignment>> ListSellerAssignments(
    db::PgConn& conn, const std::string& territory_id, const std::string& seller_id,
    const std::optional<absl::CivilDay>& as_of);
// Which of `seller_ids` do not exist.
absl::StatusOr<std::vector<std::string>> MissingSellers(db::PgConn& conn,
                                                        const std::vector<std::string>& seller_ids);

// Every account, ready for rule evaluation under `schema`.
absl::StatusOr<territory::AccountTable> LoadAccountTable(db::PgConn& conn,
                                                         const territory::AttributeSchema& schema);

struct StoredAssignment {
  std::string account_id;
  std::string territory_type;  // "GEOGRAPHIC", ...
  std::string territory_id;
  int rule_index = 0;
  int priority = 0;
};
// Replaces the stored result for `as_of` with `rows` (COPY, no per-row round trips).
absl::Status ReplaceAccountAssignments(db::PgConn& tx, absl::CivilDay as_of,
                                       const std::vector<StoredAssignment>& rows);

}  // namespace attain::planning::territories
