#include "services/compensation/calculation/clawbacks.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "services/compensation/calculation/period_label.h"
#include "services/compensation/engine/credit/crediting.h"
#include "services/compensation/engine/credit/measures.h"
#include "services/compensation/store/calculation_store.h"
#include "services/compensation/store/plan_store.h"
#include "services/compensation/store/statement_store.h"
#include "services/compensation/store/true_up_store.h"

namespace attain::compensation::calculation {
namespace {

using money::Decimal;

const PlanSlot* FindMeasureSlot(const std::vector<PlanSlot>& slots, const std::string& measure_id) {
  for (const PlanSlot& slot : slots) {
    if (!slot.spif && slot.id == measure_id) return &slot;
  }
  return nullptr;
}

const v1::ComponentResult* FindPaid(const v1::Statement& statement, const std::string& component_id) {
  for (const v1::ComponentResult& c : statement.components()) {
    if (c.component_id() == component_id) return &c;
  }
  return nullptr;
}

// The rate the component actually paid: earnings / measure value (0 when nothing was
// measured or paid).
absl::StatusOr<Decimal> PaidRate(const v1::ComponentResult& paid) {
  auto earnings = Decimal::Parse(paid.earnings());
  auto measured = Decimal::Parse(paid.measure_value());
  if (!earnings.ok() || !measured.ok()) {
    return absl::DataLossError("a published statement has an unreadable component");
  }
  if (measured->IsZero() || earnings->IsZero()) return Decimal();
  return earnings->Div(*measured);
}

// One seller's credit from one reversal to one component's measure, summed over the ways
// the seller was credited (an owner who also manages the territory's seller, ...). Keyed by
// (seller, "source/reversal id", component): the lines come out in a fixed order.
using CreditKey = std::tuple<std::string, std::string, std::string>;
struct ReversalCredit {
  const LinkedReversal* reversal = nullptr;
  Decimal credit;
};

}  // namespace

absl::Status AddClawbacks(const RunInputs& credited, const std::vector<const LinkedReversal*>& reversals,
                          const std::string& currency, const PaidLookup& paid, Clawbacks* out) {
  const RunTransactions& data = credited.data;
  // Transactions are reordered by Finish: each is matched to its reversal by key.
  absl::flat_hash_map<std::pair<std::string, std::string>, const LinkedReversal*> by_key;
  for (const LinkedReversal* r : reversals) by_key[{r->source_system, r->transaction_id}] = r;

  const std::vector<credit::Credit> credits =
      credit::CreditAll(credited.input.transactions, credited.input.splits, *credited.org,
                        credited.input.roll_up, /*threads=*/1);
  absl::flat_hash_map<std::string, std::optional<PaidStatement>> paid_of;
  std::map<CreditKey, ReversalCredit> sums;
  absl::flat_hash_map<const plan::Plan*, std::vector<PlanSlot>> compiled;  // once per plan
  for (const credit::Credit& c : credits) {
    const std::string& seller_id = data.seller_ids[c.seller];
    auto [it, inserted] = paid_of.try_emplace(seller_id);
    if (inserted) {
      auto found = paid(seller_id);
      if (!found.ok()) return found.status();
      it->second = *std::move(found);
    }
    if (!it->second || it->second->plan->currency != currency) continue;
    const plan::Plan& plan = *it->second->plan;
    const TransactionKey& key = data.keys[c.transaction];
    const LinkedReversal* reversal = by_key.at({key.source_system, key.transaction_id});
    if (plan.clawback_window_days <= 0 ||
        reversal->date - reversal->original_date > plan.clawback_window_days) {
      continue;  // no clawback policy, or past its window: the commission stands
    }
    auto [slots, fresh] = compiled.try_emplace(&plan);
    if (fresh) {
      auto compiled_slots = CompilePlanSlots(plan, credited.input);
      if (!compiled_slots.ok()) return compiled_slots.status();
      slots->second = *std::move(compiled_slots);
    }
    const credit::Transaction& t = credited.input.transactions[c.transaction];
    for (const plan::Component& component : plan.components) {
      if (component.kind != plan::ComponentKind::kCommission) continue;
      const PlanSlot* slot = FindMeasureSlot(slots->second, component.commission.measure_id);
      if (slot == nullptr || !credit::Passes(slot->filter, t, c.transaction)) continue;
      const credit::MeasureSpec spec = slot->spec;
      if (spec.direct_only && c.rule == credit::CreditRule::kRollUp) continue;
      ReversalCredit& sum =
          sums[{seller_id, absl::StrCat(reversal->source_system, "/", reversal->transaction_id),
                component.id}];
      sum.reversal = reversal;
      auto added = sum.credit.Add(credit::CreditedValue(t, c, spec.basis));
      if (!added.ok()) return added.status();
      sum.credit = *added;
    }
  }

  for (const auto& [key, summed] : sums) {
    const auto& [seller_id, reversal_id, component_id] = key;
    const LinkedReversal* reversal = summed.reversal;
    const Decimal credit = summed.credit;
    const PaidStatement& statement = *paid_of.at(seller_id);
    const v1::ComponentResult* component = FindPaid(statement.statement, component_id);
    if (component == nullptr || credit.IsZero()) continue;
    auto rate = PaidRate(*component);
    if (!rate.ok()) return rate.status();
    auto amount = credit.Mul(*rate);
    if (!amount.ok()) return amount.status();
    if (amount->RoundToCents().IsZero()) continue;  // nothing was paid on it
    const std::string deal = absl::StrCat(reversal->source_system, "/", reversal->original_transaction_id);
    calc::Clawback line;
    line.id = absl::StrCat("clawback:", reversal->source_system, "/", reversal->transaction_id, ":",
                           component_id);
    line.description = absl::StrCat("clawback of ", deal, " (paid in ", reversal->original_period,
                                    " by ", component_id, " at rate ", rate->ToString(), "): ",
                                    reversal->type, " ", reversal->source_system, "/",
                                    reversal->transaction_id, " credit ", credit.ToString());
    line.component_id = component_id;
    line.source_system = reversal->source_system;
    line.transaction_id = reversal->transaction_id;
    line.original_transaction_id = reversal->original_transaction_id;
    line.original_period = reversal->original_period;
    line.credit = credit;
    line.rate = *rate;
    line.amount = *amount;
    (*out)[seller_id].push_back(std::move(line));
  }
  return absl::OkStatus();
}

void SortClawbacks(Clawbacks* clawbacks) {
  for (auto& [seller, lines] : *clawbacks) {
    std::sort(lines.begin(), lines.end(), [](const calc::Clawback& a, const calc::Clawback& b) {
      return std::tie(a.original_period, a.source_system, a.transaction_id, a.component_id) <
             std::tie(b.original_period, b.source_system, b.transaction_id, b.component_id);
    });
  }
}

absl::StatusOr<Clawbacks> SettleLinkedReversals(db::PgConn& conn,
                                                const std::vector<LinkedReversal>& reversals,
                                                int fiscal_year_start_month,
                                                const RollUpSettings& roll_up) {
  std::map<std::string, std::vector<const LinkedReversal*>> by_period;
  for (const LinkedReversal& r : reversals) by_period[r.original_period].push_back(&r);
  Clawbacks out;
  for (const auto& [label, of_period] : by_period) {
    auto period = ParsePeriod(label, fiscal_year_start_month);
    if (!period.ok()) return period.status();
    auto run = store::LoadPublishedRunInputs(conn, label);
    if (absl::IsNotFound(run.status())) continue;  // never published: nothing was paid
    if (!run.ok()) return run.status();
    auto body = store::LoadInputs(conn, run->planning_digest);
    if (!body.ok()) return body.status();
    auto stored = ParseRunInputs(*body);
    if (!stored.ok()) return stored.status();
    auto plans = store::LoadPlansInForce(conn, period->year_start, period->last);
    if (!plans.ok()) return plans.status();
    const int64_t run_id = run->run_id;
    const PaidLookup paid = [&](const std::string& seller_id)
        -> absl::StatusOr<std::optional<PaidStatement>> {
      auto record = store::GetStatement(conn, run_id, seller_id);
      if (!record.ok()) return record.status();
      if (!*record) return std::nullopt;
      PaidStatement found;
      if (!found.statement.ParseFromString((*record)->body)) {
        return absl::DataLossError("a published statement is unreadable");
      }
      for (const store::PlanVersionInForce& v : plans->versions) {
        if (v.plan->plan_id == found.statement.plan_id() &&
            v.plan->version == found.statement.plan_version()) {
          found.plan = v.plan;
        }
      }
      if (found.plan == nullptr) return std::nullopt;  // a plan version no longer in force
      return found;
    };
    std::set<std::string> currencies;
    for (const store::PlanVersionInForce& v : plans->versions) currencies.insert(v.plan->currency);
    const fx::FxTable fx = TableOf(stored->fx_rates);
    for (const std::string& currency : currencies) {
      RunInputBuilder builder(stored->planning, *period, currency, &fx, {.keep_keys = true});
      std::string date_text;
      for (const LinkedReversal* r : of_period) {
        if (auto added = builder.Add(r->AsOriginalDated(&date_text)); !added.ok()) return added;
      }
      auto credited = std::move(builder).Finish({}, {}, {}, roll_up);
      if (!credited.ok()) return credited.status();
      if (auto added = AddClawbacks(**credited, of_period, currency, paid, &out); !added.ok()) {
        return added;
      }
    }
  }
  SortClawbacks(&out);
  return out;
}

}  // namespace attain::compensation::calculation
