#include "services/compensation/estimate/earnings_estimator.h"

#include <algorithm>
#include <map>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "common/time/dates.h"
#include "services/compensation/engine/credit/crediting.h"
#include "services/compensation/engine/credit/measures.h"

namespace attain::compensation::estimate {
namespace {

using calculation::ExtraCredit;
using calculation::SellerPlan;
using calculation::SellerResult;

// The source system hypothetical deals are credited under (never stored).
constexpr char kSource[] = "estimate";

absl::Status AddTo(absl::flat_hash_map<std::string, Decimal>& sums, const std::string& id, Decimal value) {
  auto sum = sums[id].Add(value);
  if (!sum.ok()) return sum.status();
  sums[id] = *sum;
  return absl::OkStatus();
}

// What filter conditions read of a deal (txn.account, txn.product, ...): its own ids, the
// model's family names; no attributes.
class DealFields final : public calculation::TransactionFields {
 public:
  DealFields(const calculation::PeriodInput* model, const calculation::RunTransactions* names,
             const std::vector<HypotheticalDeal>* deals)
      : model_(model), names_(names), deals_(deals) {}
  std::string_view Text(size_t index, std::string_view variable) const override {
    const HypotheticalDeal& d = (*deals_)[index];
    if (variable == "txn.source") return kSource;
    if (variable == "txn.account") return d.account_id;
    if (variable == "txn.product") return d.product_id;
    if (variable == "txn.product_family") {
      auto product = model_->product_index.find(d.product_id);
      if (product == model_->product_index.end()) return {};
      const uint32_t family = product->second < model_->family_of_product.size()
                                  ? model_->family_of_product[product->second]
                                  : credit::kNone;
      return family == credit::kNone ? std::string_view() : std::string_view(names_->family_names[family]);
    }
    return {};
  }

 private:
  const calculation::PeriodInput* model_;
  const calculation::RunTransactions* names_;
  const std::vector<HypotheticalDeal>* deals_;
};

// What compiling a filter reads of the model's inputs (product and family indices, the
// period), with conditions reading the deals' fields.
calculation::PeriodInput FilterInput(const calculation::PeriodInput& model,
                                     const calculation::TransactionFields* fields) {
  calculation::PeriodInput out;
  out.fields = fields;
  out.period = model.period;
  out.year_start = model.year_start;
  out.family_index = model.family_index;
  out.product_index = model.product_index;
  out.family_of_product = model.family_of_product;
  return out;
}

// The changed components between two evaluations of one seller.
std::vector<ComponentChange> Changes(const SellerResult& before, const SellerResult& after) {
  std::vector<ComponentChange> out;
  for (size_t i = 0; i < after.components.size() && i < before.components.size(); ++i) {
    const calc::ComponentResult& b = before.components[i];
    const calc::ComponentResult& a = after.components[i];
    const int tier_before = b.tiers ? b.tiers->tier_reached : -1;
    const int tier_after = a.tiers ? a.tiers->tier_reached : -1;
    if (a.measure_value == b.measure_value && a.earnings == b.earnings && tier_after == tier_before) {
      continue;
    }
    out.push_back({a.component_id, b.measure_value, a.measure_value, tier_before, tier_after,
                   b.earnings, a.earnings});
  }
  return out;
}

}  // namespace

absl::StatusOr<std::unique_ptr<PeriodModel>> PeriodModel::Build(
    std::unique_ptr<calculation::PeriodInputs> inputs, calculation::RollUpSettings roll_up,
    int threads) {
  auto model = std::unique_ptr<PeriodModel>(new PeriodModel());
  model->roll_up_ = std::move(roll_up);
  for (const auto& group : inputs->groups) {
    Group& g = model->groups_.emplace_back();
    g.inputs = group.get();
    g.fx = std::make_unique<fx::FxTable>(calculation::TableOf(inputs->fx_rates));
    auto measures = calculation::PeriodMeasures::Sum(group->input, threads);
    if (!measures.ok()) return measures.status();
    g.measures.emplace(*std::move(measures));
    for (const SellerPlan& sp : group->input.plans) {
      if (sp.plan != nullptr) g.plan_of[sp.seller] = &sp;
    }
    for (uint32_t a = 0; a < group->data.account_ids.size(); ++a) {
      g.account_index.emplace(group->data.account_ids[a], a);
    }
  }
  model->inputs_ = std::move(inputs);
  return model;
}

const SellerPlan* PeriodModel::PlanOf(const std::string& seller_id, const Group** group) const {
  for (const Group& g : groups_) {
    auto index = g.inputs->seller_index.find(seller_id);
    if (index == g.inputs->seller_index.end()) continue;
    auto plan = g.plan_of.find(index->second);
    if (plan == g.plan_of.end()) continue;
    *group = &g;
    return plan->second;
  }
  return nullptr;
}

std::vector<std::string> PeriodModel::ManagersOf(const std::string& seller_id) const {
  for (const Group& g : groups_) {
    auto index = g.inputs->seller_index.find(seller_id);
    if (index != g.inputs->seller_index.end()) {
      return calculation::ManagersOn(*g.inputs, index->second, g.inputs->input.period.last);
    }
  }
  return {};
}

absl::StatusOr<EarningsEstimate> PeriodModel::Estimate(const std::string& seller_id,
                                                       const std::vector<HypotheticalDeal>& deals) const {
  const Group* group = nullptr;
  const SellerPlan* own = PlanOf(seller_id, &group);
  if (own == nullptr) {
    return absl::NotFoundError(
        absl::StrCat("seller ", seller_id, " has no plan paying in ", inputs_->period.label));
  }
  const calculation::RunInputs& in = *group->inputs;
  EarningsEstimate out;
  out.seller_id = seller_id;
  out.currency = in.currency;
  // Each seller's latest evaluation: the base, then after each deal that reached them.
  std::map<std::string, SellerResult> latest;
  auto base = group->measures->Evaluate(*own);
  if (!base.ok()) return base.status();
  out.earned_so_far = calc::OwnEarned(base->statement);
  latest.emplace(seller_id, *std::move(base));
  if (deals.empty()) return out;

  // The deals as the run's transactions, in the model's indices, owned by the seller: credited
  // on the model's organization (no index is rebuilt per estimate).
  const calculation::PeriodInput& model = in.input;
  const uint32_t owner = in.seller_index.at(seller_id);
  std::vector<credit::Transaction> txns;
  DealFields fields(&in.input, &in.data, &deals);
  for (size_t i = 0; i < deals.size(); ++i) {
    const HypotheticalDeal& d = deals[i];
    credit::Transaction& t = txns.emplace_back();
    t.type = plan::TransactionType::kOrder;
    t.date = credit::ToDay(d.date);
    auto account = group->account_index.find(d.account_id);
    t.account = account == group->account_index.end() ? credit::kNone : account->second;
    auto product = model.product_index.find(d.product_id);
    t.product = product == model.product_index.end() ? credit::kNone : product->second;
    t.owner = owner;
    const std::string currency = d.currency.empty() ? in.currency : d.currency;
    for (const auto& [field, value, out_value] :
         {std::tuple{"amount", std::optional<Decimal>(d.amount), &t.amount},
          std::tuple{"margin", d.margin, &t.margin}}) {
      if (!value) continue;
      auto converted = group->fx->Convert(*value, currency, in.currency, absl::CivilMonth(d.date));
      if (!converted.ok()) {
        return absl::InvalidArgumentError(absl::StrCat("deals[", i, "].currency: ", converted.status().message()));
      }
      *out_value = *converted;
    }
    if (d.quantity) t.quantity = *d.quantity;
  }
  std::vector<credit::Credit> credits;
  credit::CreditTransactions(txns, {}, 0, *model.org, model.roll_up, &credits);
  std::vector<std::vector<const credit::Credit*>> by_deal(deals.size());
  for (const credit::Credit& c : credits) by_deal[c.transaction].push_back(&c);
  const calculation::PeriodInput filters_input = FilterInput(model, &fields);

  absl::flat_hash_map<const plan::Plan*, std::vector<calculation::PlanSlot>> compiled;
  absl::flat_hash_map<std::string, ExtraCredit> extra;  // cumulative, by seller id
  for (size_t i = 0; i < deals.size(); ++i) {
    DealEstimate& estimate = out.deals.emplace_back();
    estimate.deal_id = deals[i].deal_id;
    std::map<std::pair<int, std::string>, const SellerPlan*> reached;  // (depth, seller id)
    for (const credit::Credit* c : by_deal[i]) {
      const std::string& credited_id = in.data.seller_ids[c->seller];
      const Group* seller_group = nullptr;
      const SellerPlan* sp = PlanOf(credited_id, &seller_group);
      // Unpaid, or paid in another currency (another group's sums): nothing to estimate.
      if (sp == nullptr || seller_group != group) continue;
      auto [it, fresh] = compiled.try_emplace(sp->plan.get());
      if (fresh) {
        auto plan = calculation::CompilePlanSlots(*sp->plan, filters_input);
        if (!plan.ok()) return plan.status();
        it->second = *std::move(plan);
      }
      const credit::Transaction& t = txns[c->transaction];
      ExtraCredit& more = extra[credited_id];
      for (const calculation::PlanSlot& slot : it->second) {
        if (slot.spec.direct_only && c->rule == credit::CreditRule::kRollUp) continue;
        if (!credit::Passes(slot.filter, t, c->transaction)) continue;
        const Decimal value = credit::CreditedValue(t, *c, slot.spec.basis);
        if (auto added = AddTo(slot.spif ? more.spif_deals : more.measures, slot.id, value); !added.ok()) {
          return added;
        }
      }
      reached.emplace(std::pair{c->rule == credit::CreditRule::kRollUp ? int{c->depth} : 0, credited_id}, sp);
    }
    for (const auto& [key, sp] : reached) {
      const std::string& id = key.second;
      if (!latest.contains(id)) {
        auto first = group->measures->Evaluate(*sp);
        if (!first.ok()) return first.status();
        latest.emplace(id, *std::move(first));
      }
      auto after = group->measures->Evaluate(*sp, extra[id]);
      if (!after.ok()) return after.status();
      SellerResult& before = latest.at(id);
      SellerChange change{id, key.first, calc::OwnEarned(before.statement),
                          calc::OwnEarned(after->statement), Changes(before, *after)};
      if (id == seller_id) {
        auto added = change.earned_after.Sub(change.earned_before);
        if (!added.ok()) return added.status();
        auto total = out.total_added.Add(*added);
        if (!total.ok()) return total.status();
        out.total_added = *total;
      }
      estimate.sellers.push_back(std::move(change));
      before = *std::move(after);
    }
  }
  return out;
}

}  // namespace attain::compensation::estimate
