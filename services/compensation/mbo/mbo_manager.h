#pragma once
// MBO scores (mbo.proto): set in retry-safe, all-or-nothing batches (validated by
// score_validation.h, narrowed by score_access.h, with history and an outbox event) and
// listed per period. A score changes no statement by itself: the period's next calculation
// run reads it (store::LoadMboScores).

#include "absl/status/statusor.h"
#include "attain/compensation/v1/mbo.pb.h"
#include "common/auth/principal.h"
#include "common/db/pg.h"
#include "common/events/outbox.h"
#include "services/compensation/mbo/reports.h"
#include "services/compensation/mbo/score_validation.h"
#include "services/compensation/transactions/references.h"

namespace attain::compensation::mbo {

class MboManager {
 public:
  // `sellers` says which seller ids exist; `reports` who reports to a manager.
  MboManager(db::PgPool* pool, events::OutboxRelay* relay, transactions::ReferenceChecker* sellers,
             ReportsSource* reports, int fiscal_year_start_month)
      : pool_(pool),
        relay_(relay),
        sellers_(sellers),
        reports_(reports),
        fiscal_year_start_month_(fiscal_year_start_month) {}

  // The author of what is written is `principal`'s subject.
  absl::StatusOr<v1::SetMboScoresResponse> Set(const auth::Principal& principal,
                                               const v1::SetMboScoresRequest& request);
  // A manager who names no seller_id gets the scores of themselves and their reports.
  absl::StatusOr<v1::ListMboScoresResponse> List(const auth::Principal& principal,
                                                 const v1::ListMboScoresRequest& request);

 private:
  // PERMISSION_DENIED unless every entry's seller reports to the manager `principal` on the
  // last day of the entry's period.
  absl::Status CheckReports(const auth::Principal& principal,
                            const std::vector<ScoreEntry>& entries);
  // Which of the entries' sellers are missing, and the MBO scales in force in their periods.
  absl::StatusOr<ScoreReferences> LoadReferences(const std::vector<ScoreEntry>& entries);
  // The sellers whose scores a List returns: nullopt = all.
  absl::StatusOr<std::optional<std::vector<std::string>>> ListedSellers(
      const auth::Principal& principal, const v1::ListMboScoresRequest& request,
      const calculation::Period& period);

  db::PgPool* pool_;
  events::OutboxRelay* relay_;
  transactions::ReferenceChecker* sellers_;
  ReportsSource* reports_;
  const int fiscal_year_start_month_;
};

}  // namespace attain::compensation::mbo
