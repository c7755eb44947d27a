#pragma once
// Planning's effective-dated organization as a calculation run reads it: one
// ExportCreditingData stream for the run's date range turned into a PlanningSnapshot (string
// ids; the run assigns dense indices), cached while planning's event sequence is unchanged,
// and seller quotas from QuotaService.GetQuotas in batches.
//
// A run stores the snapshot it used (SerializeSnapshot) so an explanation can replay the
// exact same organization later (ParseSnapshot).

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <grpcpp/grpcpp.h>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "attain/planning/v1/crediting.grpc.pb.h"
#include "attain/planning/v1/planning_service.grpc.pb.h"
#include "attain/planning/v1/quotas.grpc.pb.h"
#include "common/money/decimal.h"

namespace attain::compensation::calculation {

struct PlanningSnapshot {  // string ids; the run assigns dense indices
  int64_t sequence = 0;    // planning's event sequence when exported
  struct Seller {
    std::string seller_id, title;
    friend bool operator==(const Seller&, const Seller&) = default;
  };
  struct Line {
    std::string seller_id, manager_id;
    absl::CivilDay first;
    std::optional<absl::CivilDay> last;
    friend bool operator==(const Line&, const Line&) = default;
  };
  struct AccountTerritory {
    std::string account_id, territory_id;
    bool overlay = false;  // an OVERLAY-type territory (the other types are not kept)
    absl::CivilDay first;
    std::optional<absl::CivilDay> last;
    friend bool operator==(const AccountTerritory&, const AccountTerritory&) = default;
  };
  struct Cover {
    std::string territory_id, seller_id;
    money::Decimal fraction;
    bool overlay = false;  // OVERLAY role
    absl::CivilDay first;
    std::optional<absl::CivilDay> last;
    friend bool operator==(const Cover&, const Cover&) = default;
  };
  std::vector<Seller> sellers;
  std::vector<Line> lines;
  std::vector<AccountTerritory> account_territories;
  std::vector<Cover> coverage;
  std::vector<std::pair<std::string, std::string>> product_families;  // (product_id, family)
  friend bool operator==(const PlanningSnapshot&, const PlanningSnapshot&) = default;
};

// Appends one ExportCreditingData chunk to `snapshot`; the stream's first chunk (`first`)
// must carry the snapshot marker. INTERNAL naming the record when a date, fraction or role
// is malformed (nothing is appended then).
absl::Status AppendChunk(const planning::v1::CreditingDataChunk& chunk, bool first,
                         PlanningSnapshot* snapshot);
// A whole stream, chunks in order; INTERNAL for an empty stream.
absl::StatusOr<PlanningSnapshot> SnapshotFromChunks(
    std::span<const planning::v1::CreditingDataChunk> chunks);

// One CreditingDataChunk holding everything, serialized deterministically: the same snapshot
// always gives the same bytes.
std::string SerializeSnapshot(const PlanningSnapshot& snapshot);
// DATA_LOSS when `bytes` are not a serialized snapshot.
absl::StatusOr<PlanningSnapshot> ParseSnapshot(std::string_view bytes);

// How long each outgoing call may take.
struct PlanningDeadlines {
  absl::Duration info = absl::Seconds(10);     // GetServiceInfo, the cache check
  absl::Duration exports = absl::Minutes(5);   // one whole ExportCreditingData stream
  absl::Duration quotas = absl::Seconds(60);   // each GetQuotas or GetQuotaPlan call
};

class PlanningSource {  // thread-safe; one per process
 public:
  // `service_token` returns a bearer token with the service role (ServiceRunner::ServiceToken).
  PlanningSource(std::shared_ptr<grpc::Channel> planning,
                 std::function<std::string()> service_token, PlanningDeadlines deadlines = {});

  // Cached: reuses the last export for the same range while planning's event sequence is
  // unchanged (checked with one PlanningService.GetServiceInfo call). A change shows once
  // planning has sequenced its event (normally within a fraction of a second of the commit).
  // INVALID_ARGUMENT when last < first; UNAVAILABLE when planning cannot answer (retry);
  // INTERNAL when planning refuses the service token or sends malformed data.
  absl::StatusOr<std::shared_ptr<const PlanningSnapshot>> Snapshot(absl::CivilDay first,
                                                                   absl::CivilDay last);

  // Seller quotas: the sum of the quota periods whose [start, end] lies inside [first, last],
  // from the plan versions active on `last`, asked in batches of 1000 sellers. Sellers with
  // no such period are absent. FAILED_PRECONDITION when a seller's quotas in the range are in
  // more than one currency.
  absl::StatusOr<absl::flat_hash_map<std::string, money::Decimal>> Quotas(
      const std::vector<std::string>& seller_ids, absl::CivilDay first, absl::CivilDay last);

 private:
  struct Cached {
    absl::CivilDay first;
    absl::CivilDay last;
    std::shared_ptr<const PlanningSnapshot> snapshot;
  };
  struct Period {
    absl::CivilDay start;
    absl::CivilDay end;
  };
  // Period label -> dates, per plan version name.
  using VersionPeriods = absl::flat_hash_map<std::string, absl::flat_hash_map<std::string, Period>>;

  std::unique_ptr<grpc::ClientContext> Context(absl::Duration deadline) const;
  absl::StatusOr<int64_t> CurrentSequence();
  std::shared_ptr<const PlanningSnapshot> CachedFor(absl::CivilDay first, absl::CivilDay last,
                                                    int64_t sequence);
  absl::StatusOr<PlanningSnapshot> Export(absl::CivilDay first, absl::CivilDay last);
  // The periods of `version` ("quotaPlans/{plan}/versions/{n}"), loading its plan once.
  absl::StatusOr<const absl::flat_hash_map<std::string, Period>*> PeriodsOf(
      const std::string& version, VersionPeriods* known);

  std::unique_ptr<planning::v1::PlanningService::Stub> info_;
  std::unique_ptr<planning::v1::CreditingDataService::Stub> crediting_;
  std::unique_ptr<planning::v1::QuotaService::Stub> quotas_;
  const std::function<std::string()> token_;
  const PlanningDeadlines deadlines_;

  absl::Mutex export_mu_;  // one export at a time, so concurrent misses export once
  absl::Mutex mu_;
  std::optional<Cached> cached_ ABSL_GUARDED_BY(mu_);
};

}  // namespace attain::compensation::calculation
