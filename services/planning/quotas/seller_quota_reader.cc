#include "services/planning/quotas/seller_quota_reader.h"

#include <algorithm>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/errors/errors.h"
#include "common/time/dates.h"
#include "services/planning/engine/quota/checked_math.h"
#include "services/planning/engine/quota/seller_quota.h"
#include "services/planning/engine/quota/validation.h"
#include "services/planning/org/seller_validation.h"
#include "services/planning/quotas/allocation_builder.h"
#include "services/planning/quotas/history_store.h"
#include "services/planning/quotas/plan_input.h"
#include "services/planning/quotas/plan_names.h"
#include "services/planning/quotas/quota_proto.h"
#include "services/planning/quotas/quota_store.h"
#include "services/planning/quotas/seller_inputs.h"

namespace attain::planning::quotas {
namespace {

// Cached for a seller the version does not cover.
constexpr char kUnplanned[] = "";

std::string CacheKey(const ActiveVersion& v, const std::string& seller, const std::string& period) {
  return absl::StrCat("quota:", v.header.plan_id, ":", v.version.version(), ":",
                      v.version.revision(), ":", seller, ":", period);
}

// The sellers asked for, checked and narrowed by visibility.
absl::StatusOr<std::vector<std::string>> RequestedSellers(const v1::GetQuotasRequest& request,
                                                          const store::Visibility& visibility) {
  std::vector<std::string> ids(request.seller_ids().begin(), request.seller_ids().end());
  if (ids.empty() && !visibility.everyone) ids = visibility.ids;
  if (ids.empty()) return errors::InvalidField("seller_ids", "name at least one seller");
  if (ids.size() > static_cast<size_t>(kMaxSellersPerCall)) {
    return errors::InvalidField("seller_ids", absl::StrCat("at most ", kMaxSellersPerCall, " per call"));
  }
  std::vector<errors::FieldViolation> violations;
  for (size_t i = 0; i < ids.size(); ++i) {
    if (!org::IsValidSellerId(ids[i])) {
      violations.push_back({absl::StrCat("seller_ids[", i, "]"), "must be a seller id"});
    }
  }
  if (!violations.empty()) return errors::InvalidFields(std::move(violations));
  if (!visibility.everyone) {
    const absl::flat_hash_set<std::string> visible(visibility.ids.begin(), visibility.ids.end());
    for (const std::string& id : ids) {
      if (!visible.contains(id)) {
        return errors::WithReason(
            absl::PermissionDeniedError(absl::StrCat("not allowed to see the quotas of sellers/", id)),
            "OUTSIDE_CALLER_SCOPE");
      }
    }
  }
  std::vector<std::string> unique;
  absl::flat_hash_set<std::string> seen;
  for (std::string& id : ids) {
    if (seen.insert(id).second) unique.push_back(std::move(id));
  }
  return unique;
}

// Computes every period of `sellers` under version `v` as cache entries.
absl::StatusOr<std::vector<std::pair<std::string, std::string>>> Compute(
    db::PgConn& conn, const ActiveVersion& v, const std::vector<quota::FiscalPeriod>& periods,
    const std::vector<std::string>& sellers) {
  auto allocation = LoadAllocation(conn, v.header.plan_id, v.version.version());
  if (!allocation.ok()) return allocation.status();
  const quota::TerritoryQuotas territory_quotas = quota::PeriodQuotasOf(*allocation);
  auto coverage = CoverageOfSellers(conn, sellers, {periods.front().start, periods.back().end});
  if (!coverage.ok()) return coverage.status();
  std::vector<std::string> involved = sellers;
  for (const Coverage& c : *coverage) involved.push_back(c.seller_id);
  std::sort(involved.begin(), involved.end());
  involved.erase(std::unique(involved.begin(), involved.end()), involved.end());
  auto stored = store::GetSellers(conn, involved);
  if (!stored.ok()) return stored.status();
  absl::flat_hash_map<std::string, absl::CivilDay> hire_dates;
  for (const org::Seller& s : *stored) hire_dates[s.id] = s.hire_date;
  std::vector<std::string> unknown;
  for (const std::string& id : sellers) {
    if (!hire_dates.contains(id)) unknown.push_back(id);
  }
  if (!unknown.empty()) {
    return errors::InvalidField("seller_ids", absl::StrCat("unknown sellers: ", absl::StrJoin(unknown, ", ")));
  }
  std::vector<errors::FieldViolation> ignored;
  const quota::RampSchedule ramp = ParseRamp(v.version.spec().ramp(), "ramp", &ignored).value_or(quota::RampSchedule{});
  const std::vector<quota::SellerPlanInput> inputs =
      BuildSellerInputs(*coverage, sellers, hire_dates, territory_quotas);
  auto quotas = quota::ComputeSellerQuotas(periods, territory_quotas, inputs, ramp);
  if (!quotas.ok()) {
    if (quota::ViolationsOf(quotas.status()).empty()) return quotas.status();
    return errors::WithReason(
        absl::FailedPreconditionError(absl::StrCat("the seller coverage of ", v.version.name(),
                                                   " is inconsistent: ", quotas.status().message())),
        "QUOTA_INPUTS_INCONSISTENT");
  }
  absl::flat_hash_map<std::string, const quota::SellerQuota*> by_seller;
  for (const quota::SellerQuota& q : *quotas) by_seller[q.seller_id] = &q;
  std::vector<std::pair<std::string, std::string>> entries;
  for (const std::string& seller : sellers) {
    auto it = by_seller.find(seller);
    for (const quota::FiscalPeriod& p : periods) {
      std::string value = kUnplanned;
      if (it != by_seller.end()) {
        value = SellerPeriodToProto(it->second->periods[p.index], p.label).SerializeAsString();
      }
      entries.emplace_back(CacheKey(v, seller, p.label), std::move(value));
    }
  }
  return entries;
}

}  // namespace

absl::StatusOr<v1::GetQuotasResponse> SellerQuotaReader::GetQuotas(
    const v1::GetQuotasRequest& request, const store::Visibility& visibility) {
  auto sellers = RequestedSellers(request, visibility);
  if (!sellers.ok()) return sellers.status();
  absl::CivilDay as_of = dates::TodayUtc();
  if (!request.as_of().empty()) {
    auto day = dates::Parse(request.as_of(), "as_of");
    if (!day.ok()) return errors::InvalidField("as_of", "must be a calendar date YYYY-MM-DD");
    as_of = *day;
  }
  std::string plan_id;
  if (!request.plan().empty()) {
    auto ref = ParsePlanName(request.plan(), "plan", false);
    if (!ref.ok()) return ref.status();
    if (ref->version) return errors::InvalidField("plan", "must be a plan name quotaPlans/{plan_id}");
    plan_id = ref->plan_id;
  }
  auto lease = pool_->Acquire();
  if (!lease.ok()) return lease.status();
  auto versions = ActiveVersionsOn(**lease, as_of, plan_id);
  if (!versions.ok()) return versions.status();

  const std::vector<std::string> labels(request.periods().begin(), request.periods().end());
  std::vector<bool> label_known(labels.size(), labels.empty());
  v1::GetQuotasResponse response;
  response.set_as_of(dates::Format(as_of));
  // Per version: seller -> its quota (absent when the version does not cover the seller).
  std::vector<absl::flat_hash_map<std::string, v1::SellerQuota>> results(versions->size());
  for (size_t vi = 0; vi < versions->size(); ++vi) {
    const ActiveVersion& v = (*versions)[vi];
    const std::vector<quota::FiscalPeriod> periods = CalendarOf(v.header).Periods(v.header.fiscal_year);
    std::vector<const quota::FiscalPeriod*> selected;
    for (const quota::FiscalPeriod& p : periods) {
      auto at = std::find(labels.begin(), labels.end(), p.label);
      if (!labels.empty() && at == labels.end()) continue;
      if (at != labels.end()) label_known[at - labels.begin()] = true;
      selected.push_back(&p);
    }
    if (selected.empty()) continue;
    std::vector<std::string> keys;
    for (const std::string& seller : *sellers) {
      for (const quota::FiscalPeriod* p : selected) keys.push_back(CacheKey(v, seller, p->label));
    }
    std::vector<std::optional<std::string>> values = cache_->GetMany(keys);
    std::vector<std::string> missed;
    for (size_t s = 0; s < sellers->size(); ++s) {
      for (size_t k = 0; k < selected.size(); ++k) {
        if (!values[s * selected.size() + k]) {
          missed.push_back((*sellers)[s]);
          break;
        }
      }
    }
    if (!missed.empty()) {
      auto entries = Compute(**lease, v, periods, missed);
      if (!entries.ok()) return entries.status();
      absl::flat_hash_map<std::string, const std::string*> computed;
      for (const auto& [key, value] : *entries) computed[key] = &value;
      for (size_t i = 0; i < keys.size(); ++i) {
        if (!values[i]) values[i] = *computed.at(keys[i]);
      }
      cache_->PutMany(*entries);
    }
    for (size_t s = 0; s < sellers->size(); ++s) {
      if (values[s * selected.size()] == kUnplanned) continue;
      v1::SellerQuota quota;
      quota.set_seller_id((*sellers)[s]);
      quota.set_version(v.version.name());
      quota.set_currency(v.header.currency);
      quota::Checked c;
      money::Decimal total;
      for (size_t k = 0; k < selected.size(); ++k) {
        v1::SellerPeriodQuota* period = quota.add_periods();
        if (!period->ParseFromString(*values[s * selected.size() + k])) {
          return absl::DataLossError("cached seller quota is corrupt");
        }
        total = c.Add(total, c.Take(money::Decimal::Parse(period->quota())));
      }
      if (!c.ok()) return c.status();
      quota.set_total(total.ToFixed(2));
      results[vi][(*sellers)[s]] = std::move(quota);
    }
  }
  std::vector<errors::FieldViolation> violations;
  for (size_t i = 0; i < labels.size(); ++i) {
    if (!label_known[i] && !versions->empty()) {
      violations.push_back({absl::StrCat("periods[", i, "]"),
                            absl::StrCat("no active plan has period \"", labels[i], "\"")});
    }
  }
  if (!violations.empty()) return errors::InvalidFields(std::move(violations));
  for (const std::string& seller : *sellers) {
    bool planned = false;
    for (auto& by_seller : results) {
      auto it = by_seller.find(seller);
      if (it == by_seller.end()) continue;
      *response.add_quotas() = std::move(it->second);
      planned = true;
    }
    if (!planned) response.add_unplanned_seller_ids(seller);
  }
  return response;
}

}  // namespace attain::planning::quotas
