#pragma once
// Decoding and validating the protobuf inputs of a quota plan into the quota engine's types.
// Every problem is reported at once as a field violation named after the request field
// ("plan.fiscal_year", "spec.levels[1].padding"); nothing here touches the database.

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "attain/planning/v1/quotas.pb.h"
#include "common/errors/decimal_field.h"
#include "common/errors/errors.h"
#include "common/money/decimal.h"
#include "services/planning/engine/quota/allocation.h"
#include "services/planning/engine/quota/fiscal_calendar.h"
#include "services/planning/engine/quota/ramp.h"

namespace attain::planning::quotas {

using errors::ParseDecimalField;

using Violations = std::vector<errors::FieldViolation>;

inline constexpr int kMinFiscalYear = 2000;
inline constexpr int kMaxFiscalYear = 2100;

// The plan's identity and calendar.
struct PlanHeader {
  std::string plan_id;
  std::string display_name;
  int fiscal_year = 0;
  int fiscal_year_start_month = 1;
  quota::PeriodType period_type = quota::PeriodType::kMonthly;
  std::string currency;
  std::string root_territory_id;
};

struct LevelSpec {
  quota::AllocationMethod method = quota::AllocationMethod::kEven;
  money::Decimal padding;
  std::vector<quota::NodeWeight> custom_weights;  // CUSTOM_WEIGHTS only
};

// One version's inputs.
struct PlanSpec {
  money::Decimal company_target;
  std::vector<LevelSpec> levels;
  quota::HistoryBasis history_basis = quota::HistoryBasis::kPriorFiscalYear;
  v1::SeasonalitySource seasonality = v1::SEASONALITY_SOURCE_FLAT;
  std::vector<money::Decimal> given_weights;  // GIVEN only
  quota::RampSchedule ramp;

  // Whether bookings or account potential are needed to allocate.
  bool NeedsAccounts() const;
};

// Adds violations under `prefix` ("plan") and returns the header when there were none.
std::optional<PlanHeader> ParsePlanHeader(const v1::QuotaPlan& plan, const std::string& prefix,
                                          Violations* violations);

// `period_count` is the plan's (12 or 4): GIVEN seasonality needs one weight per period.
std::optional<PlanSpec> ParsePlanSpec(const v1::QuotaPlanSpec& spec, int period_count,
                                      const std::string& prefix, Violations* violations);

// The ramp schedule's fractions (0..1), under `field` ("spec.ramp").
std::optional<quota::RampSchedule> ParseRamp(const v1::RampSchedule& ramp, const std::string& field,
                                             Violations* violations);

// An engine status as the API reports it: its violations renamed into request fields
// ("levels[1].weights[0].node_id" -> "spec.levels[1].weights[0].territory_id"; a
// weights problem of a level whose weights the service derived names the level's method).
absl::Status FromEngineStatus(const absl::Status& status, const std::string& prefix,
                              const PlanSpec* spec);

quota::PeriodType PeriodTypeFromProto(v1::QuotaPeriodType type);
v1::QuotaPeriodType PeriodTypeToProto(quota::PeriodType type);
std::string PeriodTypeName(quota::PeriodType type);  // "MONTHLY" | "QUARTERLY"
std::optional<quota::PeriodType> PeriodTypeFromName(const std::string& name);

std::string StateName(v1::QuotaPlanState state);  // "DRAFT", ...
v1::QuotaPlanState StateFromName(const std::string& name);

}  // namespace attain::planning::quotas
