#include "services/compensation/calculation/replay_explainer.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "attain/compensation/v1/calculation.pb.h"
#include "common/time/dates.h"
#include "services/compensation/calculation/statement_proto.h"
#include "services/compensation/engine/credit/crediting.h"
#include "services/compensation/store/calculation_store.h"
#include "services/compensation/store/plan_store.h"
#include "services/compensation/store/statement_store.h"

namespace attain::compensation::calculation {
namespace {

using money::Decimal;
constexpr size_t kRecent = 8;

v1::CreditRule RuleOf(credit::CreditRule rule) {
  switch (rule) {
    case credit::CreditRule::kSplit: return v1::CREDIT_RULE_SPLIT;
    case credit::CreditRule::kOwner: return v1::CREDIT_RULE_OWNER;
    case credit::CreditRule::kTerritory: return v1::CREDIT_RULE_TERRITORY;
    case credit::CreditRule::kOverlay: return v1::CREDIT_RULE_OVERLAY;
    case credit::CreditRule::kRollUp: return v1::CREDIT_RULE_ROLL_UP;
  }
  return v1::CREDIT_RULE_UNSPECIFIED;
}

std::string RuleDetail(const credit::Credit& c, const RunInputs& inputs,
                       const std::vector<std::string>& territory_ids) {
  switch (c.rule) {
    case credit::CreditRule::kSplit: return "split on the transaction";
    case credit::CreditRule::kOwner: return "owner of the transaction";
    case credit::CreditRule::kTerritory:
    case credit::CreditRule::kOverlay:
      if (c.via < territory_ids.size()) return absl::StrCat("covers territory ", territory_ids[c.via]);
      return "overlay split on the transaction";
    case credit::CreditRule::kRollUp:
      return absl::StrCat("roll-up from ", inputs.data.seller_ids[c.via], ", ", static_cast<int>(c.depth),
                          c.depth == 1 ? " level" : " levels", " up");
  }
  return "";
}

v1::TransactionType ProtoType(plan::TransactionType type) {
  return static_cast<v1::TransactionType>(static_cast<int>(type) + 1);
}

}  // namespace

absl::StatusOr<std::shared_ptr<const ReplayExplainer::Replayed>> ReplayExplainer::Replay(
    int64_t run_id, const std::string& seller_id, const std::string& component_id) {
  auto conn = pool_->Acquire();
  if (!conn.ok()) return conn.status();
  auto run = store::GetRunById(**conn, run_id);
  if (!run.ok()) return run.status();
  if (!*run || !(*run)->import_watermark || (*run)->planning_digest.empty()) {
    return absl::FailedPreconditionError("the run has no stored inputs to replay");
  }
  auto period = ParsePeriod((*run)->period, fiscal_year_start_month_);
  if (!period.ok()) return period.status();
  auto body = store::LoadInputs(**conn, (*run)->planning_digest);
  if (!body.ok()) return body.status();
  auto stored = ParseRunInputs(*body);
  if (!stored.ok()) return stored.status();

  // The seller's plan version as the statement names it (stored versions never change).
  auto stored_statement = store::GetStatement(**conn, run_id, seller_id);
  if (!stored_statement.ok()) return stored_statement.status();
  if (!*stored_statement) return absl::NotFoundError("no statement for the seller in the run");
  v1::Statement statement;
  if (!statement.ParseFromString((*stored_statement)->body)) {
    return absl::DataLossError("the stored statement is unreadable");
  }
  auto plans = store::LoadPlansInForce(**conn, period->year_start, period->last);
  if (!plans.ok()) return plans.status();
  const store::PlanVersionInForce* version = nullptr;
  for (const store::PlanVersionInForce& v : plans->versions) {
    if (v.plan->plan_id == statement.plan_id() && v.plan->version == statement.plan_version()) version = &v;
  }
  if (version == nullptr) return absl::FailedPreconditionError("the statement's plan version is gone");
  const plan::Plan& plan = *version->plan;
  const plan::Component* component = nullptr;
  for (const plan::Component& c : plan.components) {
    if (c.id == component_id) component = &c;
  }
  if (component == nullptr) return absl::NotFoundError(absl::StrCat("no component ", component_id));

  auto replayed = std::make_shared<Replayed>();
  replayed->credited_total = "0";
  const std::string measure_id = MeasureOf(*component);
  const plan::Measure* measure = nullptr;
  for (const plan::Measure& m : plan.measures) {
    if (m.id == measure_id) measure = &m;
  }
  if (component->kind != plan::ComponentKind::kSpif && measure == nullptr) return replayed;  // formulas

  const fx::FxTable fx = TableOf(stored->fx_rates);
  RunInputBuilder builder(stored->planning, *period, plan.currency, &fx,
                          {.keep_keys = true, .keep_attributes = true});
  const absl::CivilDay first = measure != nullptr && measure->year_to_date ? period->year_start : period->first;
  auto read = store::ReplayTransactions(**conn, *(*run)->import_watermark, first, period->last,
                                        [&](const store::TransactionRowView& row) { return builder.Add(row); });
  if (!read.ok()) return read;
  auto inputs = std::move(builder).Finish({}, {}, {}, roll_up_);
  if (!inputs.ok()) return inputs.status();
  RunInputs& in = **inputs;
  auto seller = in.seller_index.find(seller_id);
  if (seller == in.seller_index.end()) return replayed;

  auto filter = component->kind == plan::ComponentKind::kSpif ? SpifFilter(*component, in.input)
                                                               : MeasureFilter(*measure, in.input);
  if (!filter.ok()) return filter.status();
  const credit::MeasureSpec spec = component->kind == plan::ComponentKind::kSpif ? kSpifSpec : credit::SpecOf(measure->basis);
  const std::vector<credit::CompiledFilter> filters = {*std::move(filter)};
  const std::vector<uint64_t> masks = credit::BuildMasks(in.input.transactions, filters, threads_);
  const std::vector<credit::Credit> credits = credit::CreditAll(
      in.input.transactions, in.input.splits, *in.org, in.input.roll_up, threads_);

  Decimal total;
  struct Row {
    const credit::Credit* credit;
    Decimal value;
  };
  std::vector<Row> rows;
  for (const credit::Credit& c : credits) {
    if (c.seller != seller->second || (masks[c.transaction] & 1) == 0) continue;
    if (spec.direct_only && c.rule == credit::CreditRule::kRollUp) continue;
    const Decimal value = credit::CreditedValue(in.data.transactions[c.transaction], c, spec.basis);
    auto sum = total.Add(value);
    if (!sum.ok()) return sum.status();
    total = *sum;
    rows.push_back({&c, value});
  }
  std::sort(rows.begin(), rows.end(), [&](const Row& a, const Row& b) {
    const auto& ta = in.data.transactions[a.credit->transaction];
    const auto& tb = in.data.transactions[b.credit->transaction];
    const auto& ka = in.data.keys[a.credit->transaction];
    const auto& kb = in.data.keys[b.credit->transaction];
    return std::tie(ta.date, ka.source_system, ka.transaction_id, a.credit->rule) <
           std::tie(tb.date, kb.source_system, kb.transaction_id, b.credit->rule);
  });
  for (const Row& row : rows) {
    const credit::Credit& c = *row.credit;
    const credit::Transaction& t = in.data.transactions[c.transaction];
    const TransactionKey& key = in.data.keys[c.transaction];
    v1::CreditedTransaction& out = replayed->rows.emplace_back();
    out.set_source_system(key.source_system);
    out.set_transaction_id(key.transaction_id);
    out.set_version(key.version);
    out.set_type(ProtoType(t.type));
    out.set_date(dates::Format(absl::CivilDay(1970, 1, 1) + t.date));
    out.set_account_id(in.data.account_ids[t.account]);
    out.set_product_id(t.product == credit::kNone ? "" : in.data.product_ids[t.product]);
    out.set_amount(t.amount.ToString());
    out.set_credit_fraction(c.fraction.ToString());
    out.set_credit_value(row.value.ToString());
    out.set_rule(RuleOf(c.rule));
    out.set_rule_detail(RuleDetail(c, in, in.territory_ids));
  }
  replayed->credited_total = total.ToString();
  return replayed;
}

absl::StatusOr<statements::CreditPage> ReplayExplainer::CreditedTransactions(
    int64_t run_id, const std::string& seller_id, const std::string& component_id, size_t offset,
    size_t limit) {
  const Key key{run_id, seller_id, component_id};
  std::shared_ptr<const Replayed> replayed;
  {
    absl::MutexLock lock(&mu_);
    for (const auto& [k, value] : recent_) {
      if (k == key) replayed = value;
    }
  }
  if (replayed == nullptr) {
    auto fresh = Replay(run_id, seller_id, component_id);
    if (!fresh.ok()) return fresh.status();
    replayed = *fresh;
    absl::MutexLock lock(&mu_);
    recent_.emplace_front(key, replayed);
    if (recent_.size() > kRecent) recent_.pop_back();
  }
  statements::CreditPage page;
  page.total = replayed->rows.size();
  page.credited_total = replayed->credited_total;
  for (size_t i = offset; i < replayed->rows.size() && i < offset + limit; ++i) {
    page.rows.push_back(replayed->rows[i]);
  }
  return page;
}

}  // namespace attain::compensation::calculation
