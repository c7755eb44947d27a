#include "services/planning/quotas/plan_input.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "services/planning/engine/quota/checked_math.h"
#include "services/planning/engine/quota/validation.h"
#include "services/planning/org/seller_validation.h"

namespace attain::planning::quotas {
namespace {

using money::Decimal;

std::string At(const std::string& field, size_t index) { return quota::Indexed(field, index); }

std::optional<Decimal> ParseFraction(const std::string& text, const std::string& field,
                                     Violations* violations) {
  auto value = ParseDecimalField(text, field, violations, Decimal());
  if (!value) return std::nullopt;
  if (value->IsNegative() || *value > quota::kOne) {
    violations->push_back({field, "must be a fraction within 0..1 (0.1 = 10 %)"});
    return std::nullopt;
  }
  return value;
}

std::optional<Decimal> ParseNonNegative(const std::string& text, const std::string& field,
                                        Violations* violations) {
  auto value = ParseDecimalField(text, field, violations);
  if (value && value->IsNegative()) {
    violations->push_back({field, "must not be negative"});
    return std::nullopt;
  }
  return value;
}

std::optional<quota::AllocationMethod> MethodFromProto(v1::AllocationMethod method) {
  switch (method) {
    case v1::ALLOCATION_METHOD_EVEN: return quota::AllocationMethod::kEven;
    case v1::ALLOCATION_METHOD_HISTORICAL_SHARE: return quota::AllocationMethod::kHistoricalShare;
    case v1::ALLOCATION_METHOD_POTENTIAL: return quota::AllocationMethod::kPotential;
    case v1::ALLOCATION_METHOD_CUSTOM_WEIGHTS: return quota::AllocationMethod::kCustomWeights;
    default: return std::nullopt;
  }
}

std::optional<LevelSpec> ParseLevel(const v1::AllocationLevel& level, const std::string& at,
                                    Violations* violations) {
  const size_t before = violations->size();
  LevelSpec out;
  if (auto method = MethodFromProto(level.method())) {
    out.method = *method;
  } else {
    violations->push_back({at + ".method", "must be EVEN, HISTORICAL_SHARE, POTENTIAL or CUSTOM_WEIGHTS"});
  }
  if (auto padding = ParseFraction(level.padding(), at + ".padding", violations)) out.padding = *padding;
  const bool custom = level.method() == v1::ALLOCATION_METHOD_CUSTOM_WEIGHTS;
  if (!custom && level.weights_size() > 0) {
    violations->push_back({at + ".weights", "only CUSTOM_WEIGHTS takes weights"});
  }
  if (custom && level.weights_size() == 0) {
    violations->push_back({at + ".weights", "CUSTOM_WEIGHTS needs one weight per child territory"});
  }
  for (int j = 0; custom && j < level.weights_size(); ++j) {
    const std::string w = At(at + ".weights", j);
    if (!org::IsValidSellerId(level.weights(j).territory_id())) {
      violations->push_back({w + ".territory_id", "must be a territory id"});
    }
    auto weight = ParseNonNegative(level.weights(j).weight(), w + ".weight", violations);
    if (weight) out.custom_weights.push_back({level.weights(j).territory_id(), *weight});
  }
  if (violations->size() != before) return std::nullopt;
  return out;
}

// "levels[1].weights[0].node_id" -> ("levels[1]", the rest).
std::string RenameEngineField(const std::string& field, const std::string& prefix,
                              const PlanSpec* spec) {
  std::string out = field;
  if (absl::EndsWith(out, ".node_id")) out = out.substr(0, out.size() - 8) + ".territory_id";
  if (absl::StartsWith(out, "levels[") && spec != nullptr) {
    const size_t close = out.find(']');
    int level = std::atoi(out.substr(7, close - 7).c_str());
    if (level >= 0 && level < static_cast<int>(spec->levels.size()) &&
        spec->levels[level].method != quota::AllocationMethod::kCustomWeights &&
        absl::StartsWith(out.substr(close + 1), ".weights")) {
      out = out.substr(0, close + 1) + ".method";
    }
  }
  if (absl::StartsWith(out, "nodes")) return "plan.root_territory_id";
  if (absl::StartsWith(out, "history")) return prefix + ".seasonality.source";
  return prefix.empty() ? out : prefix + "." + out;
}

}  // namespace

bool PlanSpec::NeedsAccounts() const {
  if (seasonality == v1::SEASONALITY_SOURCE_HISTORY) return true;
  for (const LevelSpec& level : levels) {
    if (level.method == quota::AllocationMethod::kHistoricalShare ||
        level.method == quota::AllocationMethod::kPotential) {
      return true;
    }
  }
  return false;
}

std::optional<quota::RampSchedule> ParseRamp(const v1::RampSchedule& ramp, const std::string& field,
                                             Violations* violations) {
  quota::RampSchedule out;
  bool ok = true;
  for (int i = 0; i < ramp.by_tenure_month_size(); ++i) {
    auto value = ParseFraction(ramp.by_tenure_month(i), At(field + ".by_tenure_month", i), violations);
    if (value) out.by_tenure_month.push_back(*value);
    ok = ok && value.has_value();
  }
  if (!ok) return std::nullopt;
  return out;
}

std::optional<PlanHeader> ParsePlanHeader(const v1::QuotaPlan& plan, const std::string& prefix,
                                          Violations* violations) {
  const size_t before = violations->size();
  PlanHeader out;
  if (!org::IsValidSellerId(plan.plan_id())) {
    violations->push_back({prefix + ".plan_id", "is required: 1-64 letters, digits, '-', '_' or '.'"});
  }
  if (plan.display_name().empty() || plan.display_name().size() > 200) {
    violations->push_back({prefix + ".display_name", "is required (at most 200 characters)"});
  }
  if (plan.fiscal_year() < kMinFiscalYear || plan.fiscal_year() > kMaxFiscalYear) {
    violations->push_back({prefix + ".fiscal_year", absl::StrCat("must be within ", kMinFiscalYear,
                                                                 "..", kMaxFiscalYear)});
  }
  if (plan.fiscal_year_start_month() < 1 || plan.fiscal_year_start_month() > 12) {
    violations->push_back({prefix + ".fiscal_year_start_month", "must be a month 1..12"});
  }
  if (plan.period_type() != v1::QUOTA_PERIOD_TYPE_MONTHLY &&
      plan.period_type() != v1::QUOTA_PERIOD_TYPE_QUARTERLY) {
    violations->push_back({prefix + ".period_type", "must be MONTHLY or QUARTERLY"});
  }
  if (!money::IsCurrencyCode(plan.currency())) {
    violations->push_back({prefix + ".currency", "must be an ISO 4217 code such as USD"});
  }
  if (!org::IsValidSellerId(plan.root_territory_id())) {
    violations->push_back({prefix + ".root_territory_id", "must be a territory id"});
  }
  if (violations->size() != before) return std::nullopt;
  out.plan_id = plan.plan_id();
  out.display_name = plan.display_name();
  out.fiscal_year = plan.fiscal_year();
  out.fiscal_year_start_month = plan.fiscal_year_start_month();
  out.period_type = PeriodTypeFromProto(plan.period_type());
  out.currency = plan.currency();
  out.root_territory_id = plan.root_territory_id();
  return out;
}

std::optional<PlanSpec> ParsePlanSpec(const v1::QuotaPlanSpec& spec, int period_count,
                                      const std::string& prefix, Violations* violations) {
  const size_t before = violations->size();
  PlanSpec out;
  if (auto target = ParseNonNegative(spec.company_target(), prefix + ".company_target", violations)) {
    if (target->micros() % Decimal::kScale != 0) {
      violations->push_back({prefix + ".company_target", "must be whole currency units"});
    }
    out.company_target = *target;
  }
  if (spec.levels_size() == 0) {
    violations->push_back({prefix + ".levels", "needs one level per depth of the territory tree"});
  }
  for (int k = 0; k < spec.levels_size(); ++k) {
    if (auto level = ParseLevel(spec.levels(k), At(prefix + ".levels", k), violations)) {
      out.levels.push_back(*std::move(level));
    }
  }
  switch (spec.history_basis()) {
    case v1::HISTORY_BASIS_UNSPECIFIED:
    case v1::HISTORY_BASIS_PRIOR_FISCAL_YEAR:
      out.history_basis = quota::HistoryBasis::kPriorFiscalYear;
      break;
    case v1::HISTORY_BASIS_TRAILING_TWELVE_MONTHS:
      out.history_basis = quota::HistoryBasis::kTrailingTwelveMonths;
      break;
    default:
      violations->push_back({prefix + ".history_basis", "must be PRIOR_FISCAL_YEAR or TRAILING_TWELVE_MONTHS"});
  }
  const std::string seasonality = prefix + ".seasonality";
  out.seasonality = spec.seasonality().source() == v1::SEASONALITY_SOURCE_UNSPECIFIED
                        ? v1::SEASONALITY_SOURCE_FLAT
                        : spec.seasonality().source();
  if (!v1::SeasonalitySource_IsValid(out.seasonality)) {
    violations->push_back({seasonality + ".source", "must be FLAT, HISTORY or GIVEN"});
  }
  const auto& weights = spec.seasonality().weights();
  if (out.seasonality != v1::SEASONALITY_SOURCE_GIVEN && !weights.empty()) {
    violations->push_back({seasonality + ".weights", "only GIVEN seasonality takes weights"});
  }
  if (out.seasonality == v1::SEASONALITY_SOURCE_GIVEN) {
    if (weights.size() != period_count) {
      violations->push_back({seasonality + ".weights",
                             absl::StrCat("needs one weight per period (", period_count, "), got ",
                                          weights.size())});
    }
    bool positive = false;
    for (int i = 0; i < weights.size(); ++i) {
      auto w = ParseNonNegative(weights[i], At(seasonality + ".weights", i), violations);
      if (w) out.given_weights.push_back(*w);
      positive = positive || (w && !w->IsZero());
    }
    if (!weights.empty() && !positive) {
      violations->push_back({seasonality + ".weights", "must sum to a positive total"});
    }
  }
  if (auto ramp = ParseRamp(spec.ramp(), prefix + ".ramp", violations)) out.ramp = *std::move(ramp);
  if (violations->size() != before) return std::nullopt;
  return out;
}

absl::Status FromEngineStatus(const absl::Status& status, const std::string& prefix,
                              const PlanSpec* spec) {
  const auto engine = quota::ViolationsOf(status);
  if (engine.empty()) return status;
  Violations out;
  for (const quota::Violation& v : engine) {
    out.push_back({RenameEngineField(v.field, prefix, spec), v.description});
  }
  return errors::InvalidFields(std::move(out));
}

quota::PeriodType PeriodTypeFromProto(v1::QuotaPeriodType type) {
  return type == v1::QUOTA_PERIOD_TYPE_QUARTERLY ? quota::PeriodType::kQuarterly
                                                 : quota::PeriodType::kMonthly;
}

v1::QuotaPeriodType PeriodTypeToProto(quota::PeriodType type) {
  return type == quota::PeriodType::kQuarterly ? v1::QUOTA_PERIOD_TYPE_QUARTERLY
                                               : v1::QUOTA_PERIOD_TYPE_MONTHLY;
}

std::string PeriodTypeName(quota::PeriodType type) {
  return type == quota::PeriodType::kQuarterly ? "QUARTERLY" : "MONTHLY";
}

std::optional<quota::PeriodType> PeriodTypeFromName(const std::string& name) {
  if (name == "MONTHLY") return quota::PeriodType::kMonthly;
  if (name == "QUARTERLY") return quota::PeriodType::kQuarterly;
  return std::nullopt;
}

std::string StateName(v1::QuotaPlanState state) {
  switch (state) {
    case v1::QUOTA_PLAN_STATE_DRAFT: return "DRAFT";
    case v1::QUOTA_PLAN_STATE_SUBMITTED: return "SUBMITTED";
    case v1::QUOTA_PLAN_STATE_APPROVED: return "APPROVED";
    case v1::QUOTA_PLAN_STATE_ACTIVE: return "ACTIVE";
    default: return "";
  }
}

v1::QuotaPlanState StateFromName(const std::string& name) {
  if (name == "DRAFT") return v1::QUOTA_PLAN_STATE_DRAFT;
  if (name == "SUBMITTED") return v1::QUOTA_PLAN_STATE_SUBMITTED;
  if (name == "APPROVED") return v1::QUOTA_PLAN_STATE_APPROVED;
  if (name == "ACTIVE") return v1::QUOTA_PLAN_STATE_ACTIVE;
  return v1::QUOTA_PLAN_STATE_UNSPECIFIED;
}

}  // namespace attain::planning::quotas
