#include "services/compensation/calculation/kept_period.h"

#include "absl/strings/str_cat.h"
#include "common/time/dates.h"

namespace attain::compensation::calculation {
namespace {

// Length-prefixed, so no field's text can run into the next.
void Append(std::string* out, std::string_view text) {
  absl::StrAppend(out, text.size(), ":");
  out->append(text);
  out->push_back(';');
}

std::string RangeText(absl::CivilDay from, const std::optional<absl::CivilDay>& to) {
  return absl::StrCat(dates::Format(from), "..", to ? dates::Format(*to) : "");
}

}  // namespace

std::string PlansKey(const store::PlansInForce& plans) {
  std::string out;
  // A stored plan version never changes once in force; its id, number and range name it.
  absl::StrAppend(&out, "versions ", plans.versions.size(), ";");
  for (const store::PlanVersionInForce& v : plans.versions) {
    Append(&out, v.plan->plan_id);
    Append(&out, absl::StrCat(v.plan->version));
    Append(&out, RangeText(v.effective_from, v.effective_to));
  }
  absl::StrAppend(&out, "assignments ", plans.assignments.size(), ";");
  for (const store::AssignmentInForce& a : plans.assignments) {
    for (std::string_view field : {std::string_view(a.assignment_id), std::string_view(a.plan_id),
                                   std::string_view(a.seller_id), std::string_view(a.title),
                                   std::string_view(a.quota_measure_id)}) {
      Append(&out, field);
    }
    Append(&out, RangeText(a.effective_from, a.effective_to));
    Append(&out, a.target_incentive.ToString());
    absl::StrAppend(&out, a.parameter_overrides.size(), ";");
    for (const auto& [id, value] : a.parameter_overrides) {
      Append(&out, id);
      Append(&out, value.ToString());
    }
  }
  return out;
}

}  // namespace attain::compensation::calculation
