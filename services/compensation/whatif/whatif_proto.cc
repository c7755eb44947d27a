#include "services/compensation/whatif/whatif_proto.h"

#include "absl/strings/str_cat.h"
#include "services/compensation/calculation/prior_period_true_ups.h"
#include "services/compensation/calculation/true_ups.h"

namespace attain::compensation::whatif {
namespace {

template <typename Message>
void SetAmounts(const Amounts& amounts, Message* out) {
  out->set_actual(amounts.actual.ToFixed(2));
  out->set_sandbox(amounts.sandbox.ToFixed(2));
  out->set_delta(amounts.delta.ToFixed(2));
}

void AddSellers(const std::vector<SellerDelta>& sellers,
                google::protobuf::RepeatedPtrField<v1::WhatIfSellerDelta>* out) {
  for (const SellerDelta& seller : sellers) {
    v1::WhatIfSellerDelta* delta = out->Add();
    delta->set_seller_id(seller.seller_id);
    delta->set_currency(seller.currency);
    SetAmounts(seller.amounts, delta);
  }
}

}  // namespace

absl::StatusOr<SellerResult> FromStatement(const v1::Statement& statement) {
  SellerResult out{statement.seller_id(),
                   statement.plan_id(),
                   statement.currency(),
                   calculation::OwnEarned(statement),
                   {}};
  for (const v1::ComponentResult& component : statement.components()) {
    auto earnings = Decimal::Parse(component.earnings());
    if (!earnings.ok()) {
      return absl::InternalError(absl::StrCat("the published statement of ", statement.seller_id(),
                                              " has unreadable earnings for component ",
                                              component.component_id()));
    }
    out.components.emplace_back(component.component_id(), *earnings);
  }
  return out;
}

SellerResult FromSandbox(const calculation::SandboxSeller& seller) {
  SellerResult out{seller.seller_id,
                   seller.plan_id,
                   seller.currency,
                   calc::OwnEarned(seller.statement),
                   {}};
  for (const calc::ComponentResult& component : seller.components) {
    out.components.emplace_back(component.component_id, component.earnings);
  }
  return out;
}

v1::WhatIfResult ToProto(const Comparison& comparison) {
  v1::WhatIfResult out;
  for (const CurrencyTotal& total : comparison.totals) {
    v1::WhatIfCurrencyTotal* t = out.add_totals();
    t->set_currency(total.currency);
    SetAmounts(total.amounts, t);
  }
  for (const ComponentDelta& component : comparison.components) {
    v1::WhatIfComponentDelta* c = out.add_components();
    c->set_component_id(component.component_id);
    c->set_currency(component.currency);
    SetAmounts(component.amounts, c);
  }
  out.set_sellers_compared(comparison.sellers_compared);
  out.set_sellers_affected(comparison.sellers_affected);
  AddSellers(comparison.gainers, out.mutable_top_gainers());
  AddSellers(comparison.losers, out.mutable_top_losers());
  return out;
}

}  // namespace attain::compensation::whatif
