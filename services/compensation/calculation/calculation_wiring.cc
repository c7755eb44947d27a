#include "services/compensation/calculation/calculation_wiring.h"

#include <grpcpp/grpcpp.h>

#include "services/compensation/statements/statement_cache.h"
#include "services/compensation/store/adjustment_store.h"

namespace attain::compensation {
namespace {

absl::StatusOr<std::vector<calculation::RunAdjustment>> LoadRunAdjustments(db::PgConn& tx,
                                                                           const std::string& period) {
  auto stored = store::LoadAdjustments(tx, period);
  if (!stored.ok()) return stored.status();
  std::vector<calculation::RunAdjustment> out;
  for (const statements::Adjustment& a : *stored) {
    out.push_back({a.adjustment_id, a.seller_id, a.kind == statements::AdjustmentKind::kCredit,
                   a.amount, a.measure_id, a.reason, a.author});
  }
  return out;
}

}  // namespace

absl::Status WireCalculation(bootstrap::ServiceRunner& runner, const std::string& planning_address,
                             const calculation::CalculationSettings& settings,
                             std::unique_ptr<CalculationApis>* apis) {
  auto wired = std::make_unique<CalculationApis>();
  wired->planning = std::make_unique<calculation::PlanningSource>(
      grpc::CreateChannel(planning_address, grpc::InsecureChannelCredentials()),
      [&runner] { return runner.ServiceToken(); });
  wired->explainer = std::make_unique<calculation::ReplayExplainer>(
      &runner.pool(), settings.fiscal_year_start_month, settings.roll_up, settings.threads);
  wired->runs = std::make_unique<calculation::RunManager>(
      &runner.pool(), wired->planning.get(), settings, LoadRunAdjustments,
      [&runner](const std::string& period, int64_t) {
        statements::InvalidatePublished(runner.cache(), period);
        runner.relay().Notify();
      });
  // A run in progress finishes (and publishes) before the pool it uses shuts down.
  runner.AddBackgroundTask([] {}, [runs = wired->runs.get()] { runs->WaitForRuns(); });
  wired->api = std::make_unique<calculation::CalculationService>(&runner.gate(), wired->runs.get());
  runner.AddService(wired->api.get());
  *apis = std::move(wired);
  return absl::OkStatus();
}

}  // namespace attain::compensation
