#pragma once
// The statement reads: one statement, a caller's list, a component's explanation and the
// payroll export, always of the period's published run. Statement access is narrowed per
// caller here (statement_access.h); the policy table only decides which roles may call.
// Single statements come from the cache (statement_cache.h), lists and exports from
// PostgreSQL.

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "attain/compensation/v1/calculation.pb.h"
#include "common/auth/principal.h"
#include "common/cache/cache.h"
#include "common/db/pg.h"
#include "services/compensation/statements/payout_explainer.h"
#include "services/compensation/statements/statement_record.h"

namespace attain::compensation::statements {

inline constexpr int kDefaultStatementPageSize = 50;
inline constexpr int kMaxStatementPageSize = 500;
inline constexpr int kDefaultExplainPageSize = 100;
inline constexpr int kMaxExplainPageSize = 1000;

class StatementManager {
 public:
  // `explainer` may be null: ExplainPayout is then UNIMPLEMENTED.
  StatementManager(db::PgPool* pool, cache::Cache* cache, PayoutExplainer* explainer,
                   int fiscal_year_start_month)
      : pool_(pool),
        cache_(cache),
        explainer_(explainer),
        fiscal_year_start_month_(fiscal_year_start_month) {}

  // GetStatement's reply as stored: a serialized v1::Statement, sent without parsing it
  // (a cache hit never parses; a miss checks the stored bytes parse before caching them).
  absl::StatusOr<std::string> GetSerialized(const auth::Principal& principal,
                                            const v1::GetStatementRequest& request);
  absl::StatusOr<v1::ListStatementsResponse> List(const auth::Principal& principal,
                                                  const v1::ListStatementsRequest& request);
  absl::StatusOr<v1::ExplainPayoutResponse> Explain(const auth::Principal& principal,
                                                    const v1::ExplainPayoutRequest& request);
  absl::StatusOr<v1::ExportPayrollResponse> ExportPayroll(const v1::ExportPayrollRequest& request);

 private:
  struct ReadableRecord {
    PublishedRun run;
    StatementRecord record;
  };

  struct PublishedStatement {
    PublishedRun run;
    std::optional<StatementRecord> record;  // nullopt when the run has no statement of the seller
  };

  // The period's published run and its statement of `seller_id`: one Redis round trip when
  // both are cached (statement_cache.h), PostgreSQL for what is not. NOT_FOUND when `period`
  // has no published run; INTERNAL when a statement loaded from PostgreSQL does not parse
  // (so the cache holds only bodies that do).
  absl::StatusOr<PublishedStatement> LoadPublished(const std::string& period,
                                                   const std::string& seller_id);
  // The published statement of `seller_id` if `principal` may read it. When
  // `expected_run_id` is given and the published run is another, ABORTED (a page token
  // outlived the results it paged).
  absl::StatusOr<ReadableRecord> LoadReadable(const auth::Principal& principal,
                                              const std::string& seller_id,
                                              const std::string& period,
                                              std::optional<int64_t> expected_run_id);

  db::PgPool* pool_;
  cache::Cache* cache_;
  PayoutExplainer* explainer_;
  const int fiscal_year_start_month_;
};

}  // namespace attain::compensation::statements
