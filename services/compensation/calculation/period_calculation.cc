#include "services/compensation/calculation/period_calculation.h"

#include <algorithm>
#include <iterator>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "services/compensation/engine/credit/measures.h"
#include "services/compensation/engine/expr/expression.h"
#include "services/compensation/engine/expr/schema.h"
#include "services/compensation/plans/plan_variables.h"
#include "services/compensation/transactions/transaction.h"

namespace attain::compensation::calculation {
namespace {

// A family or product a filter names that no transaction of the run has.
constexpr uint32_t kUnknownIndex = credit::kNone - 1;

std::vector<uint32_t> Indices(const std::vector<std::string>& names,
                              const absl::flat_hash_map<std::string, uint32_t>& index) {
  std::vector<uint32_t> out;
  for (const std::string& name : names) {
    auto it = index.find(name);
    out.push_back(it == index.end() ? kUnknownIndex : it->second);
  }
  std::sort(out.begin(), out.end());
  return out;
}

// The sorted product indices a filter admits (empty = every product): those it names, if
// any, of the families it names, if any. When its lists admit no product of the run, only
// kUnknownIndex, which no transaction has.
std::vector<uint32_t> AdmittedProducts(const plan::TransactionFilter& f, const PeriodInput& input) {
  std::vector<uint32_t> named = Indices(f.product_ids, input.product_index);
  if (f.product_families.empty()) return named;
  const std::vector<uint32_t> families = Indices(f.product_families, input.family_index);
  auto in_families = [&](uint32_t product) {
    return product < input.family_of_product.size() &&
           std::binary_search(families.begin(), families.end(), input.family_of_product[product]);
  };
  std::vector<uint32_t> admitted;
  if (f.product_ids.empty()) {
    for (uint32_t p = 0; p < input.family_of_product.size(); ++p) {
      if (in_families(p)) admitted.push_back(p);
    }
  } else {
    std::copy_if(named.begin(), named.end(), std::back_inserter(admitted), in_families);
  }
  if (admitted.empty()) admitted.push_back(kUnknownIndex);
  return admitted;
}

// A filter condition compiled over the transaction's fields.
struct Condition {
  expr::SlotLayout layout;
  expr::Expression expression;
};

absl::StatusOr<std::shared_ptr<const Condition>> CompileCondition(const std::string& source) {
  plans::ExpressionContext context;
  context.use = plans::ExpressionUse::kTransactionFilter;
  expr::SlotLayout layout(plans::SchemaFor(context, source));
  auto compiled = expr::Compile(source, layout, expr::ValueType::kBool);
  if (!compiled.ok()) return absl::FailedPreconditionError(compiled.status().message());
  return std::make_shared<const Condition>(Condition{std::move(layout), *std::move(compiled)});
}

bool Holds(const Condition& c, const credit::Transaction& t, size_t index, const TransactionFields* fields) {
  std::vector<expr::Value> slots(c.layout.size());
  for (const std::string& name : c.expression.Variables()) {
    expr::Value value;
    if (name == "txn.type") value = expr::Value::FromString(transactions::TypeName(t.type));
    else if (name == "txn.amount") value = expr::Value::FromDecimal(t.amount);
    else if (name == "txn.margin") value = expr::Value::FromDecimal(t.margin);
    else if (name == "txn.quantity") value = expr::Value::FromDecimal(t.quantity);
    else value = expr::Value::FromString(fields == nullptr ? std::string_view() : fields->Text(index, name));
    slots[*c.layout.SlotOf(name)] = value;
  }
  auto result = c.expression.EvaluateSlots(slots);
  // A condition that cannot be evaluated for a transaction (e.g. overflow) does not count it.
  return result.ok() && result->boolean();
}

absl::StatusOr<credit::CompiledFilter> CompileFilter(const plan::TransactionFilter& f, credit::DayRange dates,
                                                     const PeriodInput& input) {
  credit::CompiledFilter out;
  for (plan::TransactionType type : f.types) out.types |= credit::TypeBit(type);
  out.products = AdmittedProducts(f, input);
  out.dates = dates;
  if (!f.condition.empty()) {
    auto condition = CompileCondition(f.condition);
    if (!condition.ok()) return condition.status();
    const TransactionFields* fields = input.fields;
    out.condition = [c = *std::move(condition), fields](const credit::Transaction& t, size_t i) {
      return Holds(*c, t, i, fields);
    };
  }
  return out;
}

}  // namespace

absl::StatusOr<credit::CompiledFilter> MeasureFilter(const plan::Measure& measure,
                                                     const PeriodInput& input) {
  const credit::DayRange dates = measure.year_to_date
                                     ? credit::DayRange{input.year_start, input.period.last}
                                     : input.period;
  return CompileFilter(measure.filter, dates, input);
}

absl::StatusOr<credit::CompiledFilter> SpifFilter(const plan::Component& spif,
                                                  const PeriodInput& input) {
  const credit::DayRange window{std::max(input.period.first, credit::ToDay(spif.spif.from)),
                                std::min(input.period.last, credit::ToDay(spif.spif.to))};
  auto filter = CompileFilter(spif.spif.filter, window, input);
  if (!filter.ok()) return filter.status();
  if (spif.spif.min_amount > Decimal()) filter->min_amount = spif.spif.min_amount;
  return filter;
}

absl::StatusOr<std::vector<PlanSlot>> CompilePlanSlots(const plan::Plan& plan, const PeriodInput& input) {
  std::vector<PlanSlot> out;
  for (const plan::Measure& m : plan.measures) {
    auto filter = MeasureFilter(m, input);
    if (!filter.ok()) return filter.status();
    out.push_back({m.id, false, *std::move(filter), credit::SpecOf(m.basis)});
  }
  for (const plan::Component& c : plan.components) {
    if (c.kind != plan::ComponentKind::kSpif) continue;
    auto filter = SpifFilter(c, input);
    if (!filter.ok()) return filter.status();
    out.push_back({c.id, true, *std::move(filter), kSpifSpec});
  }
  return out;
}

absl::StatusOr<PeriodMeasures> PeriodMeasures::Sum(const PeriodInput& input, int threads) {
  PeriodMeasures out;
  std::vector<credit::CompiledFilter> filters;
  std::vector<credit::MeasureSpec> specs;
  for (const SellerPlan& sp : input.plans) {
    const plan::Plan* p = sp.plan.get();
    if (p == nullptr || out.slots_.contains(p)) continue;
    PlanSlots& ps = out.slots_[p];
    auto expressions = PlanExpressions::Compile(*p);
    if (!expressions.ok()) return expressions.status();
    ps.expressions = *std::move(expressions);
    auto plan_slots = CompilePlanSlots(*p, input);
    if (!plan_slots.ok()) return plan_slots.status();
    for (PlanSlot& slot : *plan_slots) {
      (slot.spif ? ps.spif_slot : ps.measure_slot)[slot.id] = filters.size();
      filters.push_back(std::move(slot.filter));
      specs.push_back(slot.spec);
    }
  }
  if (filters.size() > credit::kMaxMeasures) {
    return absl::FailedPreconditionError(absl::StrCat("the period's plans need ", filters.size(),
                                                      " measures and SPIFs; at most ",
                                                      credit::kMaxMeasures, " fit one run"));
  }
  auto table = credit::CreditAndSumMeasures(input.transactions, input.splits, filters, specs,
                                            *input.org, input.roll_up, input.sellers, threads);
  if (!table.ok()) return table.status();
  out.table_ = *std::move(table);
  return out;
}

absl::StatusOr<calc::SellerPeriod> PeriodMeasures::SellerInputs(const SellerPlan& sp,
                                                                 const ExtraCredit& extra) const {
  const plan::Plan& p = *sp.plan;
  const PlanSlots& ps = slots_.at(&p);
  calc::SellerPeriod period;
  period.target_incentive = sp.target_incentive;
  for (const plan::Parameter& parameter : p.parameters) {
    auto it = sp.parameters.find(parameter.id);
    period.parameters[parameter.id] = it == sp.parameters.end() ? parameter.value : it->second;
  }
  for (const plan::Measure& m : p.measures) {
    auto quota = sp.quotas.find(m.id);
    Decimal credited = table_.Get(sp.seller, ps.measure_slot.at(m.id));
    for (const auto* added : {&sp.credit_adjustments, &extra.measures}) {
      if (auto more = added->find(m.id); more != added->end()) {
        auto sum = credited.Add(more->second);
        if (!sum.ok()) return sum.status();
        credited = *sum;
      }
    }
    auto value = calc::MakeMeasureValue(credited, quota == sp.quotas.end() ? Decimal() : quota->second);
    if (!value.ok()) return value.status();
    period.measures[m.id] = *value;
  }
  for (const auto& [component, slot] : ps.spif_slot) {
    Decimal deals = table_.Get(sp.seller, slot);
    if (auto more = extra.spif_deals.find(component); more != extra.spif_deals.end()) {
      auto sum = deals.Add(more->second);
      if (!sum.ok()) return sum.status();
      deals = *sum;
    }
    period.spif_deals[component] = deals;
  }
  period.mbo_scores = sp.mbo_scores;
  return period;
}

absl::StatusOr<SellerResult> PeriodMeasures::Evaluate(const SellerPlan& sp,
                                                      const ExtraCredit& extra) const {
  auto inputs = SellerInputs(sp, extra);
  if (!inputs.ok()) return inputs.status();
  const plan::Plan& p = *sp.plan;
  auto components = calc::EvaluatePlan(p, *std::move(inputs), slots_.at(&p).expressions.get());
  if (!components.ok()) return components.status();
  auto statement = calc::BuildStatement(p, *components, sp.target_incentive, sp.adjustments,
                                        sp.opening_balance, sp.true_ups, sp.clawbacks);
  if (!statement.ok()) return statement.status();
  return SellerResult{sp.seller, p.plan_id, p.version, *std::move(components), *std::move(statement)};
}

absl::Status PeriodMeasures::Merge(const PeriodMeasures& other, bool subtract) {
  const size_t count = table_.measure_count;
  if (count == 0) return absl::OkStatus();
  const size_t sellers = std::min(table_.values.size() / count,
                                  other.table_.measure_count == 0
                                      ? 0
                                      : other.table_.values.size() / other.table_.measure_count);
  for (const auto& [plan, ps] : slots_) {
    auto theirs = other.slots_.find(plan);
    if (theirs == other.slots_.end()) {
      return absl::FailedPreconditionError("the sums to merge were made for other plans");
    }
    std::vector<std::pair<size_t, size_t>> pairs;  // (this slot, other's slot)
    for (const auto* mine_of : {&ps.measure_slot, &ps.spif_slot}) {
      const auto& theirs_of = mine_of == &ps.measure_slot ? theirs->second.measure_slot
                                                          : theirs->second.spif_slot;
      for (const auto& [id, slot] : *mine_of) pairs.emplace_back(slot, theirs_of.at(id));
    }
    for (size_t s = 0; s < sellers; ++s) {
      for (const auto& [mine, their] : pairs) {
        const Decimal delta = other.table_.Get(static_cast<uint32_t>(s), their);
        if (delta.IsZero()) continue;
        Decimal& value = table_.values[s * count + mine];
        auto sum = subtract ? value.Sub(delta) : value.Add(delta);
        if (!sum.ok()) return sum.status();
        value = *sum;
      }
    }
  }
  return absl::OkStatus();
}

std::vector<uint32_t> PeriodMeasures::CreditedSellers() const {
  std::vector<uint32_t> out;
  const size_t count = table_.measure_count;
  if (count == 0) return out;
  for (size_t s = 0; s * count < table_.values.size(); ++s) {
    for (size_t m = 0; m < count; ++m) {
      if (!table_.values[s * count + m].IsZero()) {
        out.push_back(static_cast<uint32_t>(s));
        break;
      }
    }
  }
  return out;
}

absl::StatusOr<std::vector<SellerResult>> CalculatePeriod(const PeriodInput& input, int threads) {
  auto measures = PeriodMeasures::Sum(input, threads);
  if (!measures.ok()) return measures.status();
  std::vector<const SellerPlan*> ordered;
  for (const SellerPlan& sp : input.plans) {
    if (sp.plan != nullptr && sp.seller < input.sellers) ordered.push_back(&sp);
  }
  std::sort(ordered.begin(), ordered.end(),
            [](const SellerPlan* a, const SellerPlan* b) { return a->seller < b->seller; });
  std::vector<SellerResult> results;
  results.reserve(ordered.size());
  for (const SellerPlan* sp : ordered) {
    auto result = measures->Evaluate(*sp);
    if (!result.ok()) return result.status();
    results.push_back(*std::move(result));
  }
  return results;
}

}  // namespace attain::compensation::calculation
