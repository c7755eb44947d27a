#pragma once
// SQL for the planning schema's sellers and reporting_lines. Nothing else touches them.

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "common/db/pg.h"
#include "services/planning/org/org_chart.h"
#include "services/planning/org/seller.h"

namespace attain::planning::store {

// Which sellers a caller may see: everyone, or an explicit set (a rep: themselves;
// a manager: themselves and their reporting subtree).
struct Visibility {
  bool everyone = true;
  std::vector<std::string> ids;
};

struct SellerFilter {
  std::string display_name_contains;
  std::string title;
  std::string manager_id;                     // direct reports of this manager on `as_of`
  std::optional<absl::CivilDay> active_as_of;  // employed on this date
  absl::CivilDay manager_as_of;               // the date for manager_id
};

struct SellerPage {
  std::vector<org::Seller> sellers;
  int total = 0;
  bool more = false;
};

// Serializes every write to the reporting hierarchy (cycle checks need a stable graph).
absl::Status LockHierarchy(db::PgConn& tx);

absl::StatusOr<org::OrgChart> LoadChart(db::PgConn& conn);
absl::StatusOr<std::optional<org::Seller>> GetSeller(db::PgConn& conn, const std::string& id);
absl::StatusOr<std::vector<org::Seller>> GetSellers(db::PgConn& conn,
                                                    const std::vector<std::string>& ids);

// Writes the seller's own row; reporting lines are written by ReplaceLines so that a bulk
// import can create every seller before any line refers to one.
absl::Status InsertSeller(db::PgConn& tx, const org::Seller& seller);
// Replaces the row's fields and bumps revision. NOT_FOUND when absent.
absl::Status UpdateSeller(db::PgConn& tx, const org::Seller& seller);
absl::Status ReplaceLines(db::PgConn& tx, const org::Seller& seller);
absl::Status DeleteSeller(db::PgConn& tx, const std::string& id);
// True when any reporting line (past, present or future) names `id` as manager.
absl::StatusOr<bool> IsAnyonesManager(db::PgConn& conn, const std::string& id);
// The seller whose email this is, if any.
absl::StatusOr<std::optional<std::string>> SellerIdByEmail(db::PgConn& conn,
                                                           const std::string& email);

// Sellers ordered by id, strictly after `after_id`, at most `limit`.
absl::StatusOr<SellerPage> ListSellers(db::PgConn& conn, const SellerFilter& filter,
                                       const Visibility& visibility, const std::string& after_id,
                                       int limit);

// The managers of `id` on `day`, nearest first.
absl::StatusOr<std::vector<org::Seller>> ReportingChain(db::PgConn& conn, const std::string& id,
                                                        absl::CivilDay day);

// Reports of `manager_id` employed on `day` (direct only or the whole subtree), by id.
absl::StatusOr<SellerPage> ListReports(db::PgConn& conn, const std::string& manager_id,
                                       absl::CivilDay day, bool subtree,
                                       const Visibility& visibility, const std::string& after_id,
                                       int limit);

// Ids in `manager_id`'s subtree on `day` (for visibility).
absl::StatusOr<std::vector<std::string>> SubtreeIds(db::PgConn& conn,
                                                    const std::string& manager_id,
                                                    absl::CivilDay day);

}  // namespace attain::planning::store
