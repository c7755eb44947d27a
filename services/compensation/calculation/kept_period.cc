#include "services/compensation/calculation/kept_period.h"

#include <algorithm>

#include "common/time/dates.h"
#include "services/compensation/transactions/content_digest.h"

namespace attain::compensation::calculation {
namespace {

using transactions::Sha256;

std::string KeyOf(Sha256& hash) {
  const auto digest = hash.Finish();
  return std::string(reinterpret_cast<const char*>(digest.data()), digest.size());
}

void Range(Sha256& hash, absl::CivilDay from, const std::optional<absl::CivilDay>& to) {
  hash.Field(dates::Format(from));
  hash.Field(to ? dates::Format(*to) : "");
}

void Sorted(Sha256& hash, const absl::flat_hash_map<std::string, money::Decimal>& values) {
  std::vector<std::pair<std::string, money::Decimal>> sorted(values.begin(), values.end());
  std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  hash.Number(static_cast<int64_t>(sorted.size()));
  for (const auto& [id, value] : sorted) {
    hash.Field(id);
    hash.Field(value.ToString());
  }
}

void Adjustments(Sha256& hash, const std::vector<calc::Adjustment>& adjustments) {
  hash.Number(static_cast<int64_t>(adjustments.size()));
  for (const calc::Adjustment& a : adjustments) {
    for (std::string_view field : {std::string_view(a.id), std::string_view(a.reason), std::string_view(a.author)}) {
      hash.Field(field);
    }
    hash.Field(a.amount.ToString());
  }
}

}  // namespace

std::string PlansKey(const store::PlansInForce& plans) {
  Sha256 hash;
  // A stored plan version never changes once in force; its id, number and range name it.
  hash.Number(static_cast<int64_t>(plans.versions.size()));
  for (const store::PlanVersionInForce& v : plans.versions) {
    hash.Field(v.plan->plan_id);
    hash.Number(v.plan->version);
    Range(hash, v.effective_from, v.effective_to);
  }
  hash.Number(static_cast<int64_t>(plans.assignments.size()));
  for (const store::AssignmentInForce& a : plans.assignments) {
    for (std::string_view field : {std::string_view(a.assignment_id), std::string_view(a.plan_id),
                                   std::string_view(a.seller_id), std::string_view(a.title),
                                   std::string_view(a.quota_measure_id)}) {
      hash.Field(field);
    }
    Range(hash, a.effective_from, a.effective_to);
    hash.Field(a.target_incentive.ToString());
    hash.Number(static_cast<int64_t>(a.parameter_overrides.size()));
    for (const auto& [id, value] : a.parameter_overrides) {
      hash.Field(id);
      hash.Field(value.ToString());
    }
  }
  return KeyOf(hash);
}

std::string SellerInputsKey(const SellerPlan& sp) {
  Sha256 hash;
  const plan::Plan* p = sp.plan.get();
  hash.Field(p == nullptr ? "" : p->plan_id);
  hash.Number(p == nullptr ? 0 : p->version);
  hash.Number(static_cast<int64_t>(reinterpret_cast<uintptr_t>(p)));  // the very plan object
  hash.Field(sp.target_incentive.ToString());
  Sorted(hash, sp.parameters);
  Sorted(hash, sp.quotas);
  Adjustments(hash, sp.adjustments);
  Sorted(hash, sp.credit_adjustments);
  Sorted(hash, sp.mbo_scores);
  hash.Field(sp.opening_balance.ToString());
  Adjustments(hash, sp.true_ups);
  hash.Number(static_cast<int64_t>(sp.clawbacks.size()));
  for (const calc::Clawback& c : sp.clawbacks) {
    for (std::string_view field :
         {std::string_view(c.id), std::string_view(c.description), std::string_view(c.component_id),
          std::string_view(c.source_system), std::string_view(c.transaction_id),
          std::string_view(c.original_transaction_id), std::string_view(c.original_period)}) {
      hash.Field(field);
    }
    for (const money::Decimal& d : {c.credit, c.rate, c.amount}) hash.Field(d.ToString());
  }
  return KeyOf(hash);
}

}  // namespace attain::compensation::calculation
