#include "services/compensation/whatif/whatif_manager.h"

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/errors/errors.h"
#include "services/compensation/calculation/period_label.h"
#include "services/compensation/plans/plan_names.h"
#include "services/compensation/plans/plan_output.h"
#include "services/compensation/plans/plan_reads.h"
#include "services/compensation/plans/plan_rules.h"
#include "services/compensation/statements/statement_record.h"
#include "services/compensation/store/plan_store.h"
#include "services/compensation/store/statement_store.h"
#include "services/compensation/store/true_up_store.h"
#include "services/compensation/whatif/whatif_comparison.h"
#include "services/compensation/whatif/whatif_proto.h"

namespace attain::compensation::whatif {
namespace {

// Version `ref` of its plan decoded for the engine, whatever its state (a DRAFT is the usual
// subject of a what-if).
absl::StatusOr<std::shared_ptr<const plan::Plan>> LoadVersion(db::PgConn& conn,
                                                              const plans::VersionRef& ref) {
  auto stored = plans::RequirePlan(conn, ref.plan_id);
  if (!stored.ok()) return stored.status();
  auto versions = store::LoadVersions(conn, {ref.plan_id}, /*with_rules=*/true, ref.version);
  if (!versions.ok()) return versions.status();
  if (versions->size() != 1) {
    return absl::NotFoundError(
        absl::StrCat(plans::PlanVersionName(ref.plan_id, ref.version), " not found"));
  }
  auto decoded =
      plans::DecodeStoredVersion(stored->header, ref.version, versions->front().rules_json);
  if (!decoded.ok()) return decoded.status();
  return std::make_shared<const plan::Plan>(*std::move(decoded));
}

struct ActualRun {
  std::string name;  // "" when the period has no published run
  std::vector<SellerResult> sellers;
};

// The period's published run. Its statements never change once published, so reading the
// pointer and then the run's rows needs no shared snapshot.
absl::StatusOr<ActualRun> LoadActual(db::PgConn& conn, const std::string& period) {
  ActualRun actual;
  auto run = store::GetPublishedRun(conn, period);
  if (!run.ok()) return run.status();
  if (!run->has_value()) return actual;
  actual.name = statements::RunName(period, (*run)->run_number);
  auto rows = store::LoadRunStatements(conn, (*run)->run_id);
  if (!rows.ok()) return rows.status();
  for (const auto& [seller_id, body] : *rows) {
    v1::Statement statement;
    if (!statement.ParseFromString(body)) {
      return absl::InternalError(
          absl::StrCat("the published statement of ", seller_id, " in ", period, " is unreadable"));
    }
    auto seller = FromStatement(statement);
    if (!seller.ok()) return seller.status();
    actual.sellers.push_back(*std::move(seller));
  }
  return actual;
}

}  // namespace

absl::StatusOr<v1::WhatIfResult> WhatIfManager::Run(const v1::RunWhatIfRequest& request) {
  auto period = calculation::ParsePeriod(request.period(), fiscal_year_start_month_, "period");
  if (!period.ok()) return period.status();
  auto ref = plans::ParsePlanVersionName(request.plan_version(), "plan_version");
  if (!ref.ok()) return ref.status();
  if (request.top() < 0) return errors::InvalidField("top", "must not be negative");
  const int top = request.top() == 0 ? kDefaultTop : std::min(request.top(), kMaxTop);

  std::shared_ptr<const plan::Plan> modelled;
  ActualRun actual;
  {  // returned to the pool before the sandbox takes its own connections
    auto conn = pool_->Acquire();
    if (!conn.ok()) return conn.status();
    auto loaded = LoadVersion(**conn, *ref);
    if (!loaded.ok()) return loaded.status();
    modelled = *std::move(loaded);
    auto read = LoadActual(**conn, period->label);
    if (!read.ok()) return read.status();
    actual = *std::move(read);
  }

  auto sandbox = runs_->CalculateSandbox(period->label, modelled);
  if (!sandbox.ok()) return sandbox.status();
  std::vector<SellerResult> sandbox_sellers;
  sandbox_sellers.reserve(sandbox->size());
  for (const calculation::SandboxSeller& seller : *sandbox) {
    sandbox_sellers.push_back(FromSandbox(seller));
  }

  auto comparison = Compare(ref->plan_id, actual.sellers, sandbox_sellers, top);
  if (!comparison.ok()) return comparison.status();
  v1::WhatIfResult result = ToProto(*comparison);
  result.set_period(period->label);
  result.set_plan_version(plans::PlanVersionName(ref->plan_id, ref->version));
  result.set_actual_run(actual.name);
  if (actual.name.empty()) {
    result.set_note(absl::StrCat("period ", period->label,
                                 " has no published run: every seller's actual is 0"));
  } else if (comparison->sellers_compared == 0) {
    result.set_note(absl::StrCat("no seller is paid by plans/", ref->plan_id, " in ", period->label,
                                 " (the modelled version replaces the plan's versions in force "
                                 "there, for the sellers assigned it)"));
  }
  return result;
}

}  // namespace attain::compensation::whatif
