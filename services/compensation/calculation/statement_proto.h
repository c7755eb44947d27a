#pragma once
// A seller's calculated period as the v1.Statement the run stores and the API serves: every
// component with its arithmetic, the statement's rounded lines and its total.

#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

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

// SerializeDeterministic of a statement with `run` set, from the deterministic bytes of the
// same statement without it: the run field's bytes inserted where field order puts them.
// A run digests its statements without their run name and stores them with it; a statement
// carried into a later run (incremental runs) is stored again under the new name this way,
// without parsing. INTERNAL when `without_run` is not a well-formed message.
absl::StatusOr<std::string> WithRunName(std::string_view without_run, std::string_view run_name);

}  // namespace attain::compensation::calculation
