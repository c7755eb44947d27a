#include "services/compensation/whatif/whatif_comparison.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

namespace attain::compensation::whatif {
namespace {

enum class Side { kActual, kSandbox };

absl::Status AddTo(Amounts& amounts, Side side, Decimal value) {
  Decimal& into = side == Side::kActual ? amounts.actual : amounts.sandbox;
  auto sum = into.Add(value);
  if (!sum.ok()) return sum.status();
  into = *sum;
  return absl::OkStatus();
}

absl::Status SetDelta(Amounts& amounts) {
  auto delta = amounts.sandbox.Sub(amounts.actual);
  if (!delta.ok()) return delta.status();
  amounts.delta = *delta;
  return absl::OkStatus();
}

// Everything summed, keyed so that map order is the output order.
struct Sums {
  std::map<std::string, Amounts> totals;                              // currency
  std::map<std::pair<std::string, std::string>, Amounts> components;  // currency, id
  std::map<std::pair<std::string, std::string>, Amounts> sellers;     // seller, currency
};

absl::Status AddSide(const std::set<std::string>& in_scope, const std::vector<SellerResult>& side,
                     Side which, Sums& sums) {
  for (const SellerResult& seller : side) {
    if (!in_scope.contains(seller.seller_id)) continue;
    if (auto s = AddTo(sums.totals[seller.currency], which, seller.own_earned); !s.ok()) return s;
    if (auto s = AddTo(sums.sellers[{seller.seller_id, seller.currency}], which, seller.own_earned);
        !s.ok()) {
      return s;
    }
    for (const auto& [component_id, earnings] : seller.components) {
      if (auto s = AddTo(sums.components[{seller.currency, component_id}], which, earnings);
          !s.ok()) {
        return s;
      }
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<Comparison> Compare(const std::string& plan_id,
                                   const std::vector<SellerResult>& actual,
                                   const std::vector<SellerResult>& sandbox, int top) {
  std::set<std::string> in_scope;
  for (const auto* side : {&actual, &sandbox}) {
    for (const SellerResult& seller : *side) {
      if (seller.plan_id == plan_id) in_scope.insert(seller.seller_id);
    }
  }
  Sums sums;
  if (auto s = AddSide(in_scope, actual, Side::kActual, sums); !s.ok()) return s;
  if (auto s = AddSide(in_scope, sandbox, Side::kSandbox, sums); !s.ok()) return s;

  Comparison out;
  for (auto& [currency, amounts] : sums.totals) {
    if (auto s = SetDelta(amounts); !s.ok()) return s;
    out.totals.push_back({currency, amounts});
  }
  for (auto& [key, amounts] : sums.components) {
    if (auto s = SetDelta(amounts); !s.ok()) return s;
    out.components.push_back({key.first, key.second, amounts});
  }
  std::set<std::string> affected;
  std::vector<SellerDelta> sellers;
  for (auto& [key, amounts] : sums.sellers) {
    if (auto s = SetDelta(amounts); !s.ok()) return s;
    if (!amounts.delta.IsZero()) affected.insert(key.first);
    sellers.push_back({key.first, key.second, amounts});
  }
  out.sellers_compared = static_cast<int>(in_scope.size());
  out.sellers_affected = static_cast<int>(affected.size());

  // Ties by seller id (then currency) keep the lists the same from one call to the next.
  auto by_key = [](const SellerDelta& s) { return std::tie(s.seller_id, s.currency); };
  for (const SellerDelta& s : sellers) {
    if (s.amounts.delta > Decimal()) out.gainers.push_back(s);
    if (s.amounts.delta < Decimal()) out.losers.push_back(s);
  }
  std::sort(out.gainers.begin(), out.gainers.end(),
            [&](const SellerDelta& a, const SellerDelta& b) {
              if (a.amounts.delta != b.amounts.delta) return a.amounts.delta > b.amounts.delta;
              return by_key(a) < by_key(b);
            });
  std::sort(out.losers.begin(), out.losers.end(), [&](const SellerDelta& a, const SellerDelta& b) {
    if (a.amounts.delta != b.amounts.delta) return a.amounts.delta < b.amounts.delta;
    return by_key(a) < by_key(b);
  });
  const size_t limit = static_cast<size_t>(std::max(top, 0));
  if (out.gainers.size() > limit) out.gainers.resize(limit);
  if (out.losers.size() > limit) out.losers.resize(limit);
  return out;
}

}  // namespace attain::compensation::whatif
