#include "services/compensation/estimate/estimate_manager.h"

#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/errors/errors.h"
#include "common/time/dates.h"
#include "services/compensation/calculation/period_label.h"
#include "services/compensation/statements/statement_access.h"
#include "services/compensation/statements/statement_record.h"
#include "services/compensation/store/statement_store.h"

namespace attain::compensation::estimate {
namespace {

using money::Decimal;

// The request's deals for the estimator, every bad field named at once.
absl::StatusOr<std::vector<HypotheticalDeal>> ParseDeals(const v1::EstimateEarningsRequest& request,
                                                          const calculation::Period& period) {
  std::vector<errors::FieldViolation> violations;
  std::vector<HypotheticalDeal> deals;
  if (request.deals_size() > kMaxDeals) {
    return errors::InvalidField("deals", absl::StrCat("at most ", kMaxDeals, " deals"));
  }
  for (int i = 0; i < request.deals_size(); ++i) {
    const v1::HypotheticalDeal& in = request.deals(i);
    const std::string field = absl::StrCat("deals[", i, "].");
    HypotheticalDeal& deal = deals.emplace_back();
    deal.deal_id = in.deal_id().empty() ? absl::StrCat(i + 1) : in.deal_id();
    deal.account_id = in.account_id();
    deal.product_id = in.product_id();
    if (in.account_id().empty()) violations.push_back({field + "account_id", "is required"});
    if (in.product_id().empty()) violations.push_back({field + "product_id", "is required"});
    auto amount = Decimal::Parse(in.amount());
    if (!amount.ok() || *amount <= Decimal()) {
      violations.push_back({field + "amount", "must be a decimal above 0"});
    } else {
      deal.amount = *amount;
    }
    deal.currency = in.currency();
    if (!in.currency().empty() && !money::IsCurrencyCode(in.currency())) {
      violations.push_back({field + "currency", "must be an ISO-4217 code such as USD"});
    }
    for (const auto& [name, text, out] :
         {std::tuple{"quantity", &in.quantity(), &deal.quantity}, std::tuple{"margin", &in.margin(), &deal.margin}}) {
      if (text->empty()) continue;
      auto value = Decimal::Parse(*text);
      if (value.ok()) {
        *out = *value;
      } else {
        violations.push_back({field + name, "must be a decimal"});
      }
    }
    deal.date = period.last;
    if (!in.transaction_date().empty()) {
      auto day = dates::Parse(in.transaction_date(), field + "transaction_date");
      if (!day.ok() || *day < period.first || *day > period.last) {
        violations.push_back({field + "transaction_date",
                              absl::StrCat("must be a date YYYY-MM-DD in ", period.label)});
      } else {
        deal.date = *day;
      }
    }
  }
  if (!violations.empty()) return errors::InvalidFields(std::move(violations));
  return deals;
}

v1::SellerChange ToProto(const SellerChange& change) {
  v1::SellerChange out;
  out.set_seller_id(change.seller_id);
  out.set_roll_up_depth(change.roll_up_depth);
  out.set_earned_before(change.earned_before.ToFixed(2));
  out.set_earned_after(change.earned_after.ToFixed(2));
  out.set_added(change.earned_after.Sub(change.earned_before).value_or(Decimal()).ToFixed(2));
  for (const ComponentChange& c : change.components) {
    v1::ComponentChange* component = out.add_components();
    component->set_component_id(c.component_id);
    component->set_measure_before(c.measure_before.ToString());
    component->set_measure_after(c.measure_after.ToString());
    component->set_tier_before(c.tier_before);
    component->set_tier_after(c.tier_after);
    component->set_earnings_before(c.earnings_before.ToString());
    component->set_earnings_after(c.earnings_after.ToString());
  }
  return out;
}

}  // namespace

absl::StatusOr<std::shared_ptr<const PeriodModel>> EstimateManager::ModelFor(const std::string& period,
                                                                            int64_t run_id) {
  const auto kept = [&]() -> std::shared_ptr<const PeriodModel> {
    absl::MutexLock lock(&mu_);
    auto it = models_.find(period);
    if (it == models_.end() || it->second.run_id != run_id) return nullptr;
    it->second.last_used = ++uses_;
    return it->second.model;
  };
  if (auto model = kept()) return model;
  absl::MutexLock building(&build_mu_);
  if (auto model = kept()) return model;  // built while this call waited
  auto inputs = runs_->LoadPeriodInputs(period);
  if (!inputs.ok()) return inputs.status();
  auto built = PeriodModel::Build(*std::move(inputs), runs_->settings().roll_up, runs_->settings().threads);
  if (!built.ok()) return built.status();
  std::shared_ptr<const PeriodModel> model = *std::move(built);
  absl::MutexLock lock(&mu_);
  models_[period] = {run_id, model, ++uses_};
  while (models_.size() > kMaxModels) {
    auto oldest = models_.begin();
    for (auto it = models_.begin(); it != models_.end(); ++it) {
      if (it->second.last_used < oldest->second.last_used) oldest = it;
    }
    models_.erase(oldest);  // in-flight estimates keep theirs alive through the shared_ptr
  }
  return model;
}

absl::StatusOr<v1::EstimateEarningsResponse> EstimateManager::Estimate(
    const auth::Principal& principal, const v1::EstimateEarningsRequest& request) {
  if (request.seller_id().empty()) return errors::InvalidField("seller_id", "is required");
  auto period = calculation::ParsePeriod(request.period(), runs_->settings().fiscal_year_start_month);
  if (!period.ok()) return period.status();
  auto deals = ParseDeals(request, *period);
  if (!deals.ok()) return deals.status();
  if (auto may = statements::CheckMayRequest(principal, request.seller_id()); !may.ok()) return may;

  std::optional<statements::PublishedRun> published;
  {
    auto conn = pool_->Acquire();
    if (!conn.ok()) return conn.status();
    auto found = store::GetPublishedRun(**conn, period->label);
    if (!found.ok()) return found.status();
    published = *found;
  }
  if (!published) {
    return absl::FailedPreconditionError(
        absl::StrCat("period ", period->label, " has no published run to estimate against"));
  }
  auto model = ModelFor(period->label, published->run_id);
  if (!model.ok()) return model.status();
  const PeriodModel& m = **model;
  if (auto readable = statements::CheckRead(principal, request.seller_id(), m.ManagersOf(request.seller_id()));
      !readable.ok()) {
    return readable;
  }
  auto estimate = m.Estimate(request.seller_id(), *deals);
  if (!estimate.ok()) return estimate.status();

  v1::EstimateEarningsResponse out;
  out.set_seller_id(estimate->seller_id);
  out.set_period(period->label);
  out.set_run(statements::RunName(period->label, published->run_number));
  out.set_currency(estimate->currency);
  out.set_earned_so_far(estimate->earned_so_far.ToFixed(2));
  for (const DealEstimate& deal : estimate->deals) {
    v1::DealEstimate* added = out.add_deals();
    added->set_deal_id(deal.deal_id);
    added->set_added("0.00");
    for (const SellerChange& change : deal.sellers) {
      const bool own = change.roll_up_depth == 0 && change.seller_id == estimate->seller_id;
      if (!own && !statements::CheckRead(principal, change.seller_id, m.ManagersOf(change.seller_id)).ok()) {
        continue;  // a manager above what the caller may see
      }
      v1::SellerChange* shown = added->add_sellers();
      *shown = ToProto(change);
      if (own) added->set_added(shown->added());
    }
  }
  auto total = estimate->earned_so_far.Add(estimate->total_added);
  if (!total.ok()) return total.status();
  out.set_estimated_total(total->ToFixed(2));
  return out;
}

}  // namespace attain::compensation::estimate
