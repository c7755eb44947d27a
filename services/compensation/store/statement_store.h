#pragma once
// SQL reading the published statements (calc_periods, calc_runs, statements). Every read
// goes through the period's published pointer, so a reader sees one whole run or nothing.
// The calculation writes these tables; nothing here writes them.

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "common/db/pg.h"
#include "services/compensation/statements/payroll.h"
#include "services/compensation/statements/statement_record.h"

namespace attain::compensation::store {

// The published run of `period` (canonical label); nullopt when the period has none.
absl::StatusOr<std::optional<statements::PublishedRun>> GetPublishedRun(db::PgConn& conn,
                                                                        const std::string& period);

// Run `run_id`'s statement of `seller_id`; nullopt when the run has none.
absl::StatusOr<std::optional<statements::StatementRecord>> GetStatement(
    db::PgConn& conn, int64_t run_id, const std::string& seller_id);

// Which statements a list returns: every one, or `viewer`'s own and, with `with_reports`,
// those whose managers include `viewer` (the GIN index on statements.managers).
struct StatementVisibility {
  bool everyone = true;
  std::string viewer;
  bool with_reports = false;
};

struct StatementPage {
  std::vector<std::pair<std::string, std::string>> statements;  // (seller_id, body)
  bool more = false;
};

// The published run's visible statements of `period` with seller_id (byte order) after
// `after_seller` ("" = from the first), at most `limit`. Empty when nothing is published.
absl::StatusOr<StatementPage> ListPublishedStatements(db::PgConn& conn, const std::string& period,
                                                      const StatementVisibility& visibility,
                                                      const std::string& after_seller, int limit);

struct PublishedPayroll {
  statements::PublishedRun run;
  std::vector<statements::PayrollRow> rows;  // by seller_id (byte order)
};

// Every statement total of the published run of `period`, read in one statement (one
// snapshot); nullopt when the period has no published run.
absl::StatusOr<std::optional<PublishedPayroll>> LoadPublishedPayroll(db::PgConn& conn,
                                                                     const std::string& period);

}  // namespace attain::compensation::store
