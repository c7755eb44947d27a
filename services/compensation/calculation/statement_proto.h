#pragma once
// A seller's calculated period as the v1.Statement the run stores and the API serves: every
// component with its arithmetic, the statement's rounded lines and its total.

#include <optional>
#include <string>

#include "attain/compensation/v1/calculation.pb.h"
#include "services/compensation/calculation/period_calculation.h"

namespace attain::compensation::calculation {

struct StatementContext {
  std::string seller_id;
  std::string period;
  std::string run_name;  // "periods/{period}/runs/{n}"
  const plan::Plan* plan = nullptr;
  const SellerPlan* seller_plan = nullptr;
  // Who made each adjustment (id -> author) and why: calc::Adjustment carries both.
};

v1::Statement ToStatementProto(const StatementContext& context, const SellerResult& result);

// The engine's kind of a stored statement line (nullopt for UNSPECIFIED or unknown values).
std::optional<calc::LineKind> LineKindFromProto(v1::StatementLineKind kind);

// The measure a component pays on or is decided by ("" for formulas; the first weighted
// measure when weighted only).
std::string MeasureOf(const plan::Component& component);

// Deterministic bytes (map order fixed), so equal statements store equal bytes.
std::string SerializeDeterministic(const v1::Statement& statement);

}  // namespace attain::compensation::calculation
