#pragma once
// SQL behind retroactive true-ups (calculation/true_ups.h): a locked period's published run
// and statements, and the transaction versions imported after that run read its inputs.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "common/db/pg.h"

namespace attain::compensation::store {

struct PublishedRunInputs {
  int64_t run_id = 0;
  int64_t import_watermark = 0;
  std::string planning_digest;  // raw bytes (calc_inputs.digest)
};

// The period's published run; NOT_FOUND when it has none.
absl::StatusOr<PublishedRunInputs> LoadPublishedRunInputs(db::PgConn& conn, const std::string& period);

// (seller_id, Statement bytes) of a run, by seller id.
absl::StatusOr<std::vector<std::pair<std::string, std::string>>> LoadRunStatements(db::PgConn& conn,
                                                                                   int64_t run_id);

struct LateTransactions {
  int64_t count = 0;
  std::vector<std::string> examples;  // up to 3 "source/id", in key order
};

// Versions imported after `watermark` that are dated in [first, last], or that replaced a
// version dated there: what a run of a period ending `last` did not see.
absl::StatusOr<LateTransactions> FindLateTransactions(db::PgConn& conn, absl::CivilDay first,
                                                      absl::CivilDay last, int64_t watermark);

}  // namespace attain::compensation::store
