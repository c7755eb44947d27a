#pragma once
// The arithmetic of a what-if: each seller's result in the published run ("actual") against
// their result in the sandbox, summed by currency and by component, and the sellers who gain
// or lose most. No SQL, no gRPC: the manager loads both sides and encodes the outcome.

#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "common/money/decimal.h"

namespace attain::compensation::whatif {

using money::Decimal;

// One seller's result on one side of the comparison.
struct SellerResult {
  std::string seller_id;
  std::string plan_id;
  std::string currency;
  // Component, plan-cap and adjustment lines: what the plan costs, without settlement.
  Decimal own_earned;
  std::vector<std::pair<std::string, Decimal>> components;  // (component_id, earnings)
};

struct Amounts {
  Decimal actual;
  Decimal sandbox;
  Decimal delta;  // sandbox - actual
};

struct CurrencyTotal {
  std::string currency;
  Amounts amounts;
};

struct ComponentDelta {
  std::string currency;
  std::string component_id;
  Amounts amounts;
};

struct SellerDelta {
  std::string seller_id;
  std::string currency;
  Amounts amounts;
};

struct Comparison {
  std::vector<CurrencyTotal> totals;       // by currency
  std::vector<ComponentDelta> components;  // by currency, then component_id
  int sellers_compared = 0;                // distinct seller ids in scope
  int sellers_affected = 0;                // of those, with a delta other than 0
  std::vector<SellerDelta> gainers;        // delta > 0, largest first, ties by seller_id
  std::vector<SellerDelta> losers;         // delta < 0, largest loss first, ties by seller_id
};

// Compares the sellers paid by `plan_id` in the sandbox or in the actual run (a seller of
// either side counts 0 on the side it is missing from); at most `top` gainers and losers.
// A seller whose currency differs between the sides is compared per currency, so every
// delta is in one currency and the seller deltas of a currency sum to its total delta.
// OUT_OF_RANGE when a sum overflows.
absl::StatusOr<Comparison> Compare(const std::string& plan_id,
                                   const std::vector<SellerResult>& actual,
                                   const std::vector<SellerResult>& sandbox, int top);

}  // namespace attain::compensation::whatif
