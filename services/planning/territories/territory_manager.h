#pragma once
// Territory use cases: territories with effective-dated rules, seller coverage with credit
// splits, account assignment runs, explanations and coverage reports. Writes validate the
// whole territory tree before anything is written and emit an outbox event in the same
// transaction.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "attain/planning/v1/territories.pb.h"
#include "common/cache/cache.h"
#include "common/db/pg.h"
#include "common/errors/errors.h"
#include "common/events/outbox.h"
#include "services/planning/store/seller_store.h"

namespace attain::planning::territories {

class TerritoryManager {
 public:
  TerritoryManager(db::PgPool* pool, events::OutboxRelay* relay) : pool_(pool), relay_(relay) {}

  absl::StatusOr<v1::Territory> Create(const v1::CreateTerritoryRequest& request);
  absl::StatusOr<v1::Territory> Update(const v1::UpdateTerritoryRequest& request);
  absl::Status Delete(const v1::DeleteTerritoryRequest& request);
  // `visible_sellers`: when set, only territories these sellers cover are visible.
  absl::StatusOr<v1::Territory> Get(const std::string& name,
                                    const store::Visibility& visibility);
  absl::StatusOr<v1::ListTerritoriesResponse> List(const v1::ListTerritoriesRequest& request,
                                                   const store::Visibility& visibility);

  absl::StatusOr<v1::SetSellerAssignmentsResponse> SetSellerAssignments(
      const v1::SetSellerAssignmentsRequest& request);
  absl::StatusOr<v1::ListSellerAssignmentsResponse> ListSellerAssignments(
      const v1::ListSellerAssignmentsRequest& request, const store::Visibility& visibility);

  absl::StatusOr<v1::AssignAccountsResponse> AssignAccounts(const v1::AssignAccountsRequest& request);
  absl::StatusOr<v1::ExplainAssignmentResponse> Explain(const v1::ExplainAssignmentRequest& request);
  absl::StatusOr<v1::GetCoverageResponse> Coverage(const v1::GetCoverageRequest& request);

 private:
  absl::StatusOr<bool> Visible(db::PgConn& conn, const std::string& territory_id,
                               const store::Visibility& visibility);

  db::PgPool* pool_;
  events::OutboxRelay* relay_;
};

}  // namespace attain::planning::territories
