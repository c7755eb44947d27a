#include "tools/datagen/calculation_dataset.h"

#include <algorithm>
#include <iterator>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/time/dates.h"
#include "tools/attainctl/csv.h"
#include "tools/datagen/catalog_generator.h"
#include "tools/datagen/transaction_csv.h"
#include "tools/datagen/transaction_parts.h"

namespace attain::datagen {
namespace {

namespace pv1 = planning::v1;

// Units of each account currency per US dollar, in ten-thousandths, and the matching rate
// into USD (1 / units, six digits). Amounts are generated in USD and converted with these.
struct Currency {
  const char* code;
  int64_t per_usd_e4;
  const char* to_usd;
};
constexpr Currency kCurrencies[] = {
    {"USD", 10000, "1"},          {"CAD", 13600, "0.735294"},   {"GBP", 7900, "1.265823"},
    {"EUR", 9200, "1.086957"},    {"AUD", 15200, "0.657895"},   {"JPY", 1500000, "0.006667"},
    {"SGD", 13400, "0.746269"}};

int64_t PerUsdE4(const std::string& currency) {
  for (const Currency& c : kCurrencies) {
    if (currency == c.code) return c.per_usd_e4;
  }
  return 10000;
}

// Percent of rows credited through territories (no owner, no splits) and owned by one rep;
// the rest are split.
constexpr int kTerritoryPercent = 55;
constexpr int kOwnerPercent = 30;
// Of the reps, the share who move to another manager mid-range.
constexpr int kMovedRepPercent = 2;

std::string Id(const char* prefix, int width, int64_t number) {
  return absl::StrFormat("%s-%0*d", prefix, width, number);
}

void AddLine(pv1::Seller& seller, const std::string& manager, const std::string& start,
             const std::string& end, pv1::CreditingDataChunk& crediting) {
  pv1::ReportingLine* line = seller.add_reporting_lines();
  line->set_manager_id(manager);
  line->set_start_date(start);
  line->set_end_date(end);
  pv1::CreditingReportingLine* exported = crediting.add_reporting_lines();
  exported->set_seller_id(seller.seller_id());
  exported->set_manager_id(manager);
  exported->set_start_date(start);
  exported->set_end_date(end);
}

void AddCoverage(const std::string& territory, const std::string& seller, pv1::SellerRole role,
                 const char* fraction, pv1::CreditingDataChunk& crediting) {
  pv1::CreditingCoverage* cover = crediting.add_coverage();
  cover->set_territory_id(territory);
  cover->set_seller_id(seller);
  cover->set_role(role);
  cover->set_split_fraction(fraction);
  cover->set_start_date(kCalculationOrgStart);
}

void AddAccountTerritory(const std::string& account, const std::string& territory,
                         pv1::TerritoryType type, pv1::CreditingDataChunk& crediting) {
  pv1::CreditingAccountTerritory* at = crediting.add_account_territories();
  at->set_account_id(account);
  at->set_territory_id(territory);
  at->set_territory_type(type);
  at->set_start_date(kCalculationOrgStart);
}

int64_t MeanPriceCents(const std::vector<pv1::Product>& products) {
  int64_t sum = 0;
  for (const pv1::Product& p : products) sum += PriceCents(p.list_price());
  return products.empty() ? 0 : sum / static_cast<int64_t>(products.size());
}

}  // namespace

CalculationOrg GenerateCalculationOrg(const CalculationDataOptions& options) {
  CalculationOrg org;
  Random random(options.seed ^ 0x3c6ef372fe94f82bULL);
  const int sellers = std::max(3, options.sellers);
  const int directors = std::max(1, (sellers + 50) / 100);
  const int managers = std::max(1, (sellers * 9 + 50) / 100);
  const int reps = sellers - directors - managers;
  const int width = std::max<int>(5, absl::StrCat(sellers).size());
  const std::string start = kCalculationOrgStart;

  std::vector<std::string> director_ids, manager_ids;
  auto add_seller = [&](const char* prefix, int number, const char* title) -> pv1::Seller& {
    pv1::Seller& s = org.sellers.emplace_back();
    s.set_seller_id(Id(prefix, width, number));
    s.set_display_name(absl::StrCat(title, " ", number));
    s.set_email(absl::StrCat(s.seller_id(), "@attain-demo.example"));
    s.set_title(title);
    s.set_hire_date(start);
    s.set_home_currency("USD");
    pv1::CreditingSeller* exported = org.crediting.add_sellers();
    exported->set_seller_id(s.seller_id());
    exported->set_title(title);
    exported->set_hire_date(start);
    return s;
  };
  for (int d = 0; d < directors; ++d) director_ids.push_back(add_seller("dir", d + 1, kDirectorTitle).seller_id());
  for (int m = 0; m < managers; ++m) {
    pv1::Seller& s = add_seller("mgr", m + 1, kManagerTitle);
    manager_ids.push_back(s.seller_id());
    AddLine(s, director_ids[m % directors], start, "", org.crediting);
  }
  // Reps moving mid-range: the first line ends the day before the move.
  std::vector<bool> moves(reps, false);
  if (managers > 1) {
    for (size_t r : random.Sample(reps, static_cast<size_t>(reps) * kMovedRepPercent / 100)) moves[r] = true;
  }
  const absl::CivilDay move_day = options.first_day + (options.last_day - options.first_day) / 2;
  for (int r = 0; r < reps; ++r) {
    pv1::Seller& s = add_seller("rep", r + 1, kRepTitle);
    org.rep_ids.push_back(s.seller_id());
    const int manager = r % managers;
    if (!moves[r]) {
      AddLine(s, manager_ids[manager], start, "", org.crediting);
      continue;
    }
    const size_t other = PickOther(random, managers, {static_cast<size_t>(manager)});
    AddLine(s, manager_ids[manager], start, dates::Format(move_day - 1), org.crediting);
    AddLine(s, manager_ids[other], dates::Format(move_day), "", org.crediting);
  }

  // Territories: one geographic per rep (every tenth shared 60/40 with the next rep), one
  // overlay per director covered by a rep as an overlay specialist.
  const int territory_width = std::max<int>(5, absl::StrCat(reps).size());
  for (int r = 0; r < reps; ++r) {
    const std::string territory = Id("geo", territory_width, r + 1);
    if (r % 10 == 9 && reps > 1) {
      AddCoverage(territory, org.rep_ids[r], pv1::SELLER_ROLE_PRIMARY, "0.6", org.crediting);
      AddCoverage(territory, org.rep_ids[(r + 1) % reps], pv1::SELLER_ROLE_PRIMARY, "0.4", org.crediting);
    } else {
      AddCoverage(territory, org.rep_ids[r], pv1::SELLER_ROLE_PRIMARY, "1", org.crediting);
    }
  }
  for (int d = 0; d < directors; ++d) {
    AddCoverage(Id("ovl", 4, d + 1), org.rep_ids[(static_cast<int64_t>(d) * 7919) % reps],
                pv1::SELLER_ROLE_OVERLAY, "1", org.crediting);
  }

  org.accounts = GenerateAccounts({.seed = options.seed, .count = options.accounts});
  org.account_rep.reserve(org.accounts.size());
  for (const pv1::Account& account : org.accounts) {
    const uint32_t rep = static_cast<uint32_t>(random.Below(reps));
    org.account_rep.push_back(rep);
    AddAccountTerritory(account.account_id(), Id("geo", territory_width, rep + 1),
                        pv1::TERRITORY_TYPE_GEOGRAPHIC, org.crediting);
    if (random.Below(3) == 0) {
      AddAccountTerritory(account.account_id(), Id("ovl", 4, random.Below(directors) + 1),
                          pv1::TERRITORY_TYPE_OVERLAY, org.crediting);
    }
  }
  org.products = GenerateProducts(options.seed);
  for (const pv1::Product& p : org.products) {
    pv1::CreditingProduct* exported = org.crediting.add_products();
    exported->set_product_id(p.product_id());
    exported->set_family(p.family());
  }

  // Quotas: a rep's expected monthly order revenue is about (orders per month) x (mean order)
  // / reps; each seller's quota puts that expectation at 70 %-130 % attainment.
  const int64_t months =
      (absl::CivilMonth(options.last_day) - absl::CivilMonth(options.first_day)) + 1;
  const int64_t mean_order = MeanPriceCents(org.products) * 3 * 85 / 100 / 100;  // dollars
  const int64_t rep_expected =
      std::max<int64_t>(1, options.transactions / months * 55 / 100 * mean_order / std::max(1, reps));
  std::vector<int64_t> reps_under_manager(managers, 0);
  for (int r = 0; r < reps; ++r) ++reps_under_manager[r % managers];
  std::vector<int64_t> reps_under_director(directors, 0);
  for (int m = 0; m < managers; ++m) reps_under_director[m % directors] += reps_under_manager[m];
  auto quota = [&](int64_t expected) { return expected * 100 / random.Between(70, 130); };
  for (int d = 0; d < directors; ++d) org.monthly_quota.push_back(quota(rep_expected * reps_under_director[d]));
  for (int m = 0; m < managers; ++m) org.monthly_quota.push_back(quota(rep_expected * reps_under_manager[m]));
  for (int r = 0; r < reps; ++r) org.monthly_quota.push_back(quota(rep_expected));
  return org;
}

std::vector<pv1::CreditingDataChunk> CreditingChunks(const CalculationOrg& org) {
  constexpr int kRecords = 10'000;
  const pv1::CreditingDataChunk& all = org.crediting;
  std::vector<pv1::CreditingDataChunk> chunks(1);
  int in_chunk = 0;
  auto next = [&]() -> pv1::CreditingDataChunk& {
    if (in_chunk == kRecords) {
      chunks.emplace_back();
      in_chunk = 0;
    }
    ++in_chunk;
    return chunks.back();
  };
  for (const auto& r : all.sellers()) *next().add_sellers() = r;
  for (const auto& r : all.reporting_lines()) *next().add_reporting_lines() = r;
  for (const auto& r : all.account_territories()) *next().add_account_territories() = r;
  for (const auto& r : all.coverage()) *next().add_coverage() = r;
  for (const auto& r : all.products()) *next().add_products() = r;
  return chunks;
}

absl::CivilDay PlanStart(const CalculationDataOptions& options) {
  return absl::CivilDay(options.first_day.year(), 1, 1);
}

compensation::v1::CreatePlanRequest CalculationPlan(const CalculationDataOptions& options) {
  namespace cv1 = compensation::v1;
  cv1::CreatePlanRequest create;
  cv1::Plan* plan = create.mutable_plan();
  plan->set_plan_id(kCalculationPlanId);
  plan->set_display_name("Field sales");
  plan->set_currency("USD");
  plan->set_period_type(cv1::PLAN_PERIOD_TYPE_MONTHLY);
  cv1::PlanVersion* version = create.mutable_version();
  cv1::Measure* revenue = version->add_measures();
  revenue->set_measure_id("revenue");
  revenue->set_basis(cv1::MEASURE_BASIS_CREDIT_AMOUNT);
  for (cv1::TransactionType type : {cv1::TRANSACTION_TYPE_ORDER, cv1::TRANSACTION_TYPE_CANCELLATION,
                                    cv1::TRANSACTION_TYPE_REFUND, cv1::TRANSACTION_TYPE_ADJUSTMENT}) {
    revenue->mutable_filter()->add_types(type);
  }

  cv1::Component* commission = version->add_components();
  commission->set_component_id("commission");
  commission->set_display_name("Revenue commission");
  commission->mutable_commission()->set_measure_id("revenue");
  cv1::RateTable* rates = commission->mutable_commission()->mutable_rates();
  rates->set_basis(cv1::TIER_BASIS_ATTAINMENT);
  rates->set_mode(cv1::TIER_MODE_GRADUATED);
  rates->set_rate_kind(cv1::RATE_KIND_PERCENT_OF_MEASURE);
  for (const auto& [from, to, rate] : {std::tuple{"0", "0.5", "0.02"}, std::tuple{"0.5", "1", "0.04"},
                                       std::tuple{"1", "", "0.06"}}) {
    cv1::Tier* tier = rates->add_tiers();
    tier->set_from(from);
    tier->set_to(to);
    tier->set_rate(rate);
  }

  cv1::Component* bonus = version->add_components();
  bonus->set_component_id("attainment_bonus");
  bonus->set_display_name("Attainment bonus");
  bonus->mutable_bonus()->set_measure_id("revenue");
  for (const auto& [attainment, share] :
       {std::pair{"0.8", "0.25"}, std::pair{"1", "0.5"}, std::pair{"1.2", "1"}}) {
    cv1::BonusStep* step = bonus->mutable_bonus()->add_steps();
    step->set_attainment(attainment);
    step->set_percent_of_target(share);
  }

  cv1::Component* spif = version->add_components();
  spif->set_component_id("analytics_spif");
  spif->set_display_name("Analytics SPIF");
  spif->mutable_spif()->mutable_filter()->add_types(cv1::TRANSACTION_TYPE_ORDER);
  spif->mutable_spif()->mutable_filter()->add_product_families("Analytics");
  spif->mutable_spif()->set_start_date(dates::Format(options.first_day));
  spif->mutable_spif()->set_end_date(dates::Format(options.last_day));
  spif->mutable_spif()->set_amount_per_deal("100");
  spif->mutable_spif()->set_min_amount("50000");
  return create;
}

std::vector<compensation::v1::PlanAssignment> CalculationAssignments(
    const CalculationDataOptions& options) {
  std::vector<compensation::v1::PlanAssignment> assignments;
  for (const auto& [title, target] : {std::pair{kRepTitle, "10000"}, std::pair{kManagerTitle, "15000"}}) {
    compensation::v1::PlanAssignment& a = assignments.emplace_back();
    a.set_plan_id(kCalculationPlanId);
    a.set_title(title);
    a.set_effective_from(dates::Format(PlanStart(options)));
    a.set_target_incentive(target);
    a.set_quota_measure_id("revenue");
  }
  return assignments;
}

CalculationTransactions::CalculationTransactions(const CalculationOrg& org,
                                                 const CalculationDataOptions& options)
    : org_(org),
      options_(options),
      // A stream of its own, so the rows do not change when the organization draws more.
      random_(options.seed ^ 0x9e3779b97f4a7c15ULL),
      days_(options.last_day - options.first_day + 1),
      id_width_(std::max<int>(9, absl::StrCat(options.transactions).size())) {
  for (const pv1::Product& p : org.products) price_cents_.push_back(PriceCents(p.list_price()));
}

bool CalculationTransactions::Next(compensation::v1::Transaction* t) {
  if (produced_ >= options_.transactions || org_.accounts.empty() || org_.rep_ids.empty()) return false;
  t->Clear();
  const TransactionKind& kind = PickKind(random_);
  const size_t account = random_.Below(org_.accounts.size());
  const size_t product = random_.Below(price_cents_.size());
  const int64_t quantity = random_.Between(1, 5);
  // 70 %-100 % of list: discounts are normal. Generated in USD, sent in the account's currency.
  const std::string& currency = org_.accounts[account].currency();
  const int64_t usd_cents = price_cents_[product] * quantity * random_.Between(70, 100) / 100;
  int64_t cents = usd_cents * PerUsdE4(currency) / 10000;
  int64_t margin = cents * random_.Between(20, 60) / 100;
  int64_t signed_quantity = quantity;
  if (DrawNegative(random_, kind.type)) {
    cents = -cents;
    margin = -margin;
    signed_quantity = -quantity;
  }
  t->set_source_system(options_.source_system);
  t->set_transaction_id(Id(kind.id_prefix, id_width_, produced_ + 1));
  compensation::v1::TransactionType type = compensation::v1::TRANSACTION_TYPE_UNSPECIFIED;
  compensation::v1::TransactionType_Parse(absl::StrCat("TRANSACTION_TYPE_", kind.type), &type);
  t->set_type(type);
  t->set_transaction_date(dates::Format(options_.first_day + random_.Below(days_)));
  t->set_account_id(org_.accounts[account].account_id());
  t->set_product_id(org_.products[product].product_id());
  t->set_amount(Cents(cents));
  t->set_currency(currency);
  t->set_quantity(absl::StrCat(signed_quantity));
  t->set_margin(Cents(margin));
  const int roll = static_cast<int>(random_.Below(100));
  const size_t rep = org_.account_rep[account];
  const size_t reps = org_.rep_ids.size();
  if (roll >= kTerritoryPercent) t->set_owner_seller_id(org_.rep_ids[rep]);
  if (roll >= kTerritoryPercent + kOwnerPercent && reps >= 3) {
    const size_t partner = PickOther(random_, reps, {rep});
    const int* shares = PickSplitShares(random_);
    for (auto [seller, share] : {std::pair{rep, shares[0]}, std::pair{partner, shares[1]}}) {
      auto* split = t->add_splits();
      split->set_seller_id(org_.rep_ids[seller]);
      split->set_percent(absl::StrCat(share));
    }
    if (random_.Below(3) == 0) {
      auto* overlay = t->add_splits();
      overlay->set_seller_id(
          org_.rep_ids[PickOther(random_, reps, {std::min(rep, partner), std::max(rep, partner)})]);
      overlay->set_percent("100");
      overlay->set_overlay(true);
    }
  }
  if (random_.Below(2) == 0) {
    (*t->mutable_attributes())["channel"] = PickChannel(random_);
    (*t->mutable_attributes())["deal_type"] = PickDealType(random_);
  }
  ++produced_;
  return true;
}

std::vector<std::pair<std::string, std::string>> CalculationRatesToUsd() {
  std::vector<std::pair<std::string, std::string>> rates;
  for (const Currency& c : kCurrencies) {
    if (std::string_view(c.code) != "USD") rates.emplace_back(c.code, c.to_usd);
  }
  return rates;
}

bool WriteCalculationTransactionsCsv(const CalculationDataOptions& options,
                                     const std::function<bool(std::string_view)>& write) {
  const CalculationOrg org = GenerateCalculationOrg(options);
  CalculationTransactions stream(org, options);
  const auto& codec = TransactionsCsv();
  std::string pending = csv::FormatRecord(codec.Header());
  compensation::v1::Transaction t;
  while (stream.Next(&t)) {
    pending += csv::FormatRecord(codec.ToFields(t));
    if (pending.size() >= (4 << 20)) {
      if (!write(pending)) return false;
      pending.clear();
    }
  }
  return write(pending);
}

}  // namespace attain::datagen
