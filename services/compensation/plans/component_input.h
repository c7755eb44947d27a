#pragma once
// Decoding the parts of one plan version (filters, caps, components) into the engine's types,
// with every problem added as a violation named after its request field. Used by
// plan_input.cc; the decoded values are best effort whenever a violation was added.

#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "attain/compensation/v1/plans.pb.h"
#include "services/compensation/engine/plan/plan.h"
#include "services/compensation/plans/expression_checker.h"
#include "services/compensation/plans/field_input.h"

namespace attain::compensation::plans {

// What the parts of one version may refer to, gathered before they are decoded. An id
// defined twice counts once (its first definition); the duplicate is a violation of its own.
struct VersionScope {
  const ExpressionChecker* checker = nullptr;
  // Measure id -> its basis (nullopt when the basis itself is invalid).
  absl::flat_hash_map<std::string, std::optional<plan::MeasureBasis>> measures;
  // Component id -> index of its first definition.
  absl::flat_hash_map<std::string, int> components;
  ExpressionContext filter_context;
  ExpressionContext condition_context;
  ExpressionContext formula_context;
};

// The scope of `version`'s measures, parameters and components.
VersionScope ScopeOf(const v1::PlanVersion& version, const ExpressionChecker& checker);

plan::TransactionFilter ParseFilter(const v1::TransactionFilter& filter, const std::string& at,
                                    const VersionScope& scope, Violations* violations);

plan::Cap ParseCap(const v1::Cap& cap, const std::string& at, Violations* violations);

// `earnings_of` receives the ids of the components whose earnings a formula reads.
plan::Component ParseComponent(const v1::Component& component, const std::string& at,
                               const VersionScope& scope, Violations* violations,
                               std::vector<std::string>* earnings_of);

}  // namespace attain::compensation::plans
