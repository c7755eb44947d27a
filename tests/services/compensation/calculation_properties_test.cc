// Randomized properties of a period's calculation, over random organizations (mid-period
// reporting, territory and coverage changes, overlays), random transactions (owners, splits
// with overlays, returns, other months) and random plans (every component kind, gates,
// thresholds, conditions, component and plan caps, adjustments). Fixed seeds:
//   (a) every statement's lines are whole cents, each its unrounded amount rounded half-even,
//       and they sum exactly to the total (recomputed here, also from the proto's text);
//   (b) calculating the same inputs twice, built independently, gives byte-identical
//       SerializeDeterministic(ToStatementProto(...)) for every seller;
//   (c) shuffling the transactions and calculating with 1, 2 or 4 threads gives those same
//       bytes — with cases large enough (> 3 x 4096 transactions) that 4 threads really run;
//   (d) stored rows in several currencies read in any order through RunInputBuilder give
//       the same bytes;
//   (e) an incremental run's arithmetic: the sums of a kept set of transactions, plus those
//       of added ones, minus those of removed ones (PeriodMeasures::Merge), give every seller
//       the same statement bytes as the sums of the resulting set, and every seller whose
//       statement differs from the kept one is among the delta's credited sellers.
#include <algorithm>
#include <numeric>
#include <random>

#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "services/compensation/calculation/period_calculation.h"
#include "services/compensation/calculation/run_inputs.h"
#include "services/compensation/calculation/statement_proto.h"

namespace attain::compensation::calculation {
namespace {

using money::Decimal;
using credit::Day;

constexpr int kSmallCases = 300;
constexpr size_t kMaxSmallTransactions = 120;
// CalculatePeriod runs min(threads, n / 4096 + 1) threads: 4 need at least 12 288.
constexpr size_t kLargeTransactions = 12'500;
constexpr int kLargeCases = 3;

Day On(int m, int d) { return credit::ToDay(absl::CivilDay(2026, m, d)); }

class Random {
 public:
  explicit Random(uint64_t seed) : engine_(seed) {}
  uint64_t Below(uint64_t n) { return engine_() % n; }
  bool OneIn(uint64_t n) { return Below(n) == 0; }
  // A Decimal in [lo, hi] micro-units.
  Decimal Micros(int64_t lo, int64_t hi) {
    return Decimal::FromMicros(lo + static_cast<int64_t>(Below(static_cast<uint64_t>(hi - lo + 1))));
  }
  // Whole cents in [0, hi_units] most of the time, else any micro-unit value.
  Decimal Money(int64_t hi_units) {
    if (OneIn(3)) return Micros(0, hi_units * Decimal::kScale);
    return Decimal::FromMicros(static_cast<int64_t>(Below(static_cast<uint64_t>(hi_units) * 100 + 1)) * 10'000);
  }
  std::mt19937_64& engine() { return engine_; }

 private:
  std::mt19937_64 engine_;
};

const char* const kFamilies[] = {"f0", "f1", "f2"};
const char* const kSources[] = {"crm", "erp"};

// txn.source per transaction; the rest of the text fields are empty.
class Sources final : public TransactionFields {
 public:
  std::string_view Text(size_t index, std::string_view variable) const override {
    return variable == "txn.source" ? std::string_view(kSources[of[index]]) : std::string_view();
  }
  std::vector<uint8_t> of;
};

plan::TransactionFilter RandomFilter(Random& r) {
  plan::TransactionFilter f;
  if (r.OneIn(3)) f.product_families = {kFamilies[r.Below(3)]};
  if (r.OneIn(5)) f.types = {plan::TransactionType::kOrder, plan::TransactionType::kInvoice};
  if (r.OneIn(6)) {
    static const char* const kConditions[] = {"txn.amount >= 100", "txn.source == \"crm\"",
                                              "txn.type != \"REFUND\""};
    f.condition = kConditions[r.Below(3)];
  }
  return f;
}

// Increasing attainment bounds from 0 (e.g. 0, 0.43, 1.0, 1.37).
std::vector<Decimal> Bounds(Random& r, int count, int64_t step_hi_micros) {
  std::vector<Decimal> out = {Decimal()};
  for (int i = 1; i < count; ++i) {
    out.push_back(*out.back().Add(r.Micros(step_hi_micros / 10, step_hi_micros)));
  }
  return out;
}

plan::Component RandomComponent(Random& r, int index, int measures) {
  plan::Component c;
  c.id = absl::StrCat("c", index);
  c.name = absl::StrCat("Component ", index);
  const std::string measure = absl::StrCat("m", r.Below(measures));
  switch (r.Below(5)) {
    case 0:
    case 1: {
      c.kind = plan::ComponentKind::kCommission;
      c.commission.measure_id = measure;
      plan::RateTable& t = c.commission.rates;
      t.basis = r.OneIn(3) ? plan::TierBasis::kAmount : plan::TierBasis::kAttainment;
      t.mode = r.OneIn(2) ? plan::TierMode::kGraduated : plan::TierMode::kRetroactive;
      const std::vector<Decimal> from =
          Bounds(r, 1 + static_cast<int>(r.Below(4)),
                 t.basis == plan::TierBasis::kAmount ? 40'000 * Decimal::kScale : 700'000);
      for (size_t i = 0; i < from.size(); ++i) {
        plan::Tier tier{from[i], std::nullopt, r.Micros(0, 150'000)};  // 0 .. 15 %
        if (i + 1 < from.size()) tier.to = from[i + 1];
        t.tiers.push_back(tier);
      }
      if (r.OneIn(6) && measures > 1) {
        c.commission.weighted = {{"m0", Decimal::FromMicros(400'000)}, {"m1", Decimal::FromMicros(600'000)}};
      }
      break;
    }
    case 2: {
      c.kind = plan::ComponentKind::kBonus;
      c.bonus.measure_id = measure;
      const std::vector<Decimal> at = Bounds(r, 1 + static_cast<int>(r.Below(3)), 800'000);
      if (r.OneIn(2)) {
        for (const Decimal& a : at) {
          plan::BonusStep step{a, std::nullopt, std::nullopt};
          if (r.OneIn(2)) step.amount = r.Money(5000);
          else step.percent_of_target = r.Micros(0, 1'500'000);
          c.bonus.steps.push_back(step);
        }
      } else {
        Decimal payout;
        for (const Decimal& a : at) {
          payout = *payout.Add(r.Micros(0, 700'000));
          c.bonus.curve.push_back({*a.Add(Decimal::FromMicros(300'000)), payout});
        }
      }
      break;
    }
    case 3:
      c.kind = plan::ComponentKind::kSpif;
      c.spif.filter = RandomFilter(r);
      c.spif.from = absl::CivilDay(2026, 9, 20) + static_cast<int>(r.Below(30));
      c.spif.to = c.spif.from + static_cast<int>(r.Below(40));
      c.spif.amount_per_deal = r.Money(500);
      if (r.OneIn(2)) c.spif.min_amount = r.Money(20'000);
      break;
    default: {
      c.kind = plan::ComponentKind::kFormula;
      // Reads only earlier components' earnings, so formulas never form a cycle.
      const std::string sources[] = {
          absl::StrCat("min(measure.", measure, " * 0.013, 4000)"),
          absl::StrCat("if(attainment.", measure, " > 1, target_incentive * 0.05, 0)"),
          absl::StrCat("measure.", measure, " * param.rate"),
          index == 0 ? std::string("target_incentive * 0.01")
                     : absl::StrCat("earnings.c", r.Below(index), " * 0.1")};
      c.formula.expression = sources[r.Below(4)];
      break;
    }
  }
  if (r.OneIn(5)) c.gates.push_back({absl::StrCat("m", r.Below(measures)), r.Micros(0, 1'200'000)});
  if (r.OneIn(6)) c.threshold = r.Micros(0, 900'000);
  if (r.OneIn(8)) c.condition = absl::StrCat("attainment.m0 >= ", r.OneIn(2) ? "0.5" : "0.9");
  if (r.OneIn(4)) c.cap.amount = r.Money(6000);
  if (r.OneIn(5)) c.cap.percent_of_target = r.Micros(0, 1'000'000);
  return c;
}

std::shared_ptr<plan::Plan> RandomPlan(Random& r, int index) {
  auto p = std::make_shared<plan::Plan>();
  p->plan_id = absl::StrCat("plan-", index);
  p->version = 1 + static_cast<int>(r.Below(3));
  p->currency = "USD";
  const int measures = 1 + static_cast<int>(r.Below(3));
  for (int m = 0; m < measures; ++m) {
    plan::Measure measure;
    measure.id = absl::StrCat("m", m);
    measure.basis = r.OneIn(4) ? plan::MeasureBasis::kMargin : plan::MeasureBasis::kCreditAmount;
    measure.filter = RandomFilter(r);
    measure.year_to_date = r.OneIn(4);
    p->measures.push_back(measure);
  }
  p->parameters = {{"rate", r.Micros(0, 50'000)}};
  const int components = 1 + static_cast<int>(r.Below(5));
  for (int c = 0; c < components; ++c) p->components.push_back(RandomComponent(r, c, measures));
  if (r.OneIn(4)) p->cap.amount = r.Money(15'000);
  if (r.OneIn(5)) p->cap.percent_of_target = r.Micros(0, 2'000'000);
  return p;
}

// A date range starting and maybe ending at random days of the year.
credit::DayRange RandomRange(Random& r, Day first) {
  if (r.OneIn(3)) return {first, credit::kOpenEnd};
  return {first, first + static_cast<Day>(r.Below(200))};
}

// One random period: October 2026, transactions from January to mid-November.
struct Case {
  uint32_t sellers = 0;
  std::unique_ptr<credit::OrgIndex> org;
  std::vector<credit::Transaction> transactions;
  std::vector<credit::SplitShare> splits;
  std::vector<uint32_t> family_of_product = {0, 1, 2, 0, 1};  // five products in three families
  Sources fields;
  std::vector<SellerPlan> plans;
  credit::RollUpPolicy roll_up;

  PeriodInput Input() const {
    PeriodInput in;
    in.transactions = transactions;
    in.splits = splits;
    in.fields = &fields;
    in.org = org.get();
    in.roll_up = roll_up;
    in.sellers = sellers;
    in.period = {On(10, 1), On(10, 31)};
    in.year_start = On(1, 1);
    in.family_index = {{"f0", 0}, {"f1", 1}, {"f2", 2}};
    in.family_of_product = family_of_product;
    in.plans = plans;
    return in;
  }
};

credit::Transaction RandomTransaction(Random& r, uint32_t sellers, uint32_t accounts,
                                      std::vector<credit::SplitShare>& splits) {
  credit::Transaction t;
  t.type = static_cast<plan::TransactionType>(r.Below(5));
  // Mostly October, else earlier in the year or after the period.
  t.date = r.OneIn(2) ? On(10, 1) + static_cast<Day>(r.Below(31))
                      : On(1, 1) + static_cast<Day>(r.Below(320));
  t.account = static_cast<uint32_t>(r.Below(accounts));
  t.product = static_cast<uint32_t>(r.Below(5));
  t.amount = r.OneIn(8) ? r.Money(5000).Negated() : r.Money(60'000);
  t.margin = r.Micros(0, t.amount.IsNegative() ? 0 : t.amount.micros() / 2);
  t.quantity = Decimal::FromUnits(static_cast<int64_t>(r.Below(10)));
  if (r.OneIn(5)) t.owner = static_cast<uint32_t>(r.Below(sellers));
  if (r.OneIn(6)) {
    const uint32_t first = static_cast<uint32_t>(r.Below(sellers));
    const Decimal share = r.Micros(1, 1'000'000);
    std::vector<credit::SplitShare> shares = {{first, false, share}};
    if (share < Decimal::FromUnits(1)) {
      shares.push_back({(first + 1) % sellers, false, *Decimal::FromUnits(1).Sub(share)});
    }
    if (r.OneIn(2)) shares.push_back({static_cast<uint32_t>(r.Below(sellers)), true, r.Micros(1, 1'000'000)});
    credit::AttachSplits(shares, splits, t);
  }
  return t;
}

Case Generate(uint64_t seed, size_t transactions) {
  Random r(seed);
  Case c;
  c.sellers = 3 + static_cast<uint32_t>(r.Below(8));
  const uint32_t accounts = 1 + static_cast<uint32_t>(r.Below(6));
  const uint32_t territories = 1 + static_cast<uint32_t>(r.Below(4));
  std::vector<credit::ReportingLine> lines;
  for (uint32_t s = 1; s < c.sellers; ++s) {
    const uint32_t manager = static_cast<uint32_t>(r.Below(s));
    if (r.OneIn(3)) {  // a new manager from a day in October
      const Day change = On(10, 1) + static_cast<Day>(r.Below(31));
      lines.push_back({s, manager, {On(1, 1), change - 1}});
      lines.push_back({s, static_cast<uint32_t>(r.Below(s)), {change, credit::kOpenEnd}});
    } else {
      lines.push_back({s, manager, {On(1, 1), credit::kOpenEnd}});
    }
  }
  std::vector<credit::AccountTerritory> account_territories;
  for (uint32_t a = 0; a < accounts; ++a) {
    const uint32_t t = static_cast<uint32_t>(r.Below(territories));
    if (r.OneIn(3)) {  // moves territory on a day in October
      const Day change = On(10, 1) + static_cast<Day>(r.Below(31));
      account_territories.push_back({a, t, false, {On(1, 1), change - 1}});
      account_territories.push_back({a, (t + 1) % territories, false, {change, credit::kOpenEnd}});
    } else {
      account_territories.push_back({a, t, false, {On(1, 1), credit::kOpenEnd}});
    }
    if (r.OneIn(4)) {
      account_territories.push_back({a, static_cast<uint32_t>(r.Below(territories)), true,
                                     RandomRange(r, On(1, 1) + static_cast<Day>(r.Below(300)))});
    }
  }
  std::vector<credit::Coverage> coverage;
  for (uint32_t t = 0; t < territories; ++t) {
    const int covering = 1 + static_cast<int>(r.Below(3));
    for (int k = 0; k < covering; ++k) {
      coverage.push_back({t, static_cast<uint32_t>(r.Below(c.sellers)), r.Micros(1, 1'000'000), r.OneIn(5),
                          k == 0 ? credit::DayRange{On(1, 1), credit::kOpenEnd}
                                 : RandomRange(r, On(1, 1) + static_cast<Day>(r.Below(300)))});
    }
  }
  c.org = std::make_unique<credit::OrgIndex>(c.sellers, accounts, territories, std::move(lines),
                                             std::move(account_territories), std::move(coverage));
  for (size_t i = 0; i < transactions; ++i) {
    c.transactions.push_back(RandomTransaction(r, c.sellers, accounts, c.splits));
    c.fields.of.push_back(static_cast<uint8_t>(r.Below(2)));
  }
  std::vector<std::shared_ptr<const plan::Plan>> plans;
  for (int p = 0, count = 1 + static_cast<int>(r.Below(2)); p < count; ++p) plans.push_back(RandomPlan(r, p));
  for (uint32_t s = 0; s < c.sellers; ++s) {
    if (r.OneIn(5)) continue;  // not paid
    SellerPlan sp;
    sp.seller = s;
    sp.plan = plans[r.Below(plans.size())];
    sp.target_incentive = r.Money(40'000);
    for (const plan::Measure& m : sp.plan->measures) {
      if (!r.OneIn(4)) sp.quotas[m.id] = r.Money(400'000);
    }
    if (r.OneIn(4)) sp.parameters["rate"] = r.Micros(0, 30'000);
    for (int k = 0, n = static_cast<int>(r.Below(3)); k < n; ++k) {
      Decimal amount = r.Micros(0, 2'000 * Decimal::kScale);
      if (r.OneIn(3)) amount = amount.Negated();
      sp.adjustments.push_back({absl::StrCat("adj-", s, "-", k), amount, "correction", "ops"});
    }
    if (r.OneIn(6)) sp.credit_adjustments["m0"] = r.Money(10'000);
    c.plans.push_back(std::move(sp));
  }
  c.roll_up.max_depth = static_cast<int>(r.Below(4));
  if (r.OneIn(3)) {
    for (uint32_t s = 0; s < c.sellers; ++s) c.roll_up.receives.push_back(r.OneIn(2));
  }
  return c;
}

// Every seller's statement as the run stores it.
std::vector<std::string> StatementBytes(const PeriodInput& input, const std::vector<SellerResult>& results) {
  std::vector<std::string> out;
  for (const SellerResult& r : results) {
    const SellerPlan* sp = nullptr;
    for (const SellerPlan& p : input.plans) {
      if (p.seller == r.seller) sp = &p;
    }
    EXPECT_NE(sp, nullptr);
    if (sp == nullptr) continue;
    const StatementContext context{absl::StrCat("s", r.seller), "2026-10", "periods/2026-10/runs/1",
                                   sp->plan.get(), sp};
    out.push_back(SerializeDeterministic(ToStatementProto(context, r)));
  }
  return out;
}

std::vector<std::string> CalculateBytes(const PeriodInput& input, int threads) {
  auto results = CalculatePeriod(input, threads);
  EXPECT_TRUE(results.ok()) << results.status();
  if (!results.ok()) return {};
  return StatementBytes(input, *results);
}

TEST(CalculationPropertiesTest, StatementLinesAreWholeCentsAndSumExactlyToTheTotal) {
  size_t statements = 0, capped = 0, adjusted = 0;
  for (int seed = 1; seed <= kSmallCases; ++seed) {
    const Case c = Generate(seed, Random(seed * 7919).Below(kMaxSmallTransactions + 1));
    const PeriodInput input = c.Input();
    auto results = CalculatePeriod(input, 1);
    ASSERT_TRUE(results.ok()) << "seed " << seed << ": " << results.status();
    for (const SellerResult& r : *results) {
      ++statements;
      ASSERT_GE(r.statement.lines.size(), r.components.size()) << "seed " << seed;
      Decimal sum;
      for (size_t i = 0; i < r.statement.lines.size(); ++i) {
        const calc::StatementLine& line = r.statement.lines[i];
        EXPECT_EQ(line.amount.micros() % 10'000, 0) << "seed " << seed << " line " << line.id;
        EXPECT_EQ(line.amount, line.unrounded.RoundToCents()) << "seed " << seed << " line " << line.id;
        if (i < r.components.size()) {
          EXPECT_EQ(line.unrounded, r.components[i].earnings) << "seed " << seed;
        }
        capped += line.kind == calc::LineKind::kPlanCap;
        adjusted += line.kind == calc::LineKind::kAdjustment;
        sum = *sum.Add(line.amount);
      }
      EXPECT_EQ(sum, r.statement.total) << "seed " << seed << " seller " << r.seller;
      // The same from the proto's text, as a client adds it up.
      const SellerPlan* sp = nullptr;
      for (const SellerPlan& p : input.plans) {
        if (p.seller == r.seller) sp = &p;
      }
      ASSERT_NE(sp, nullptr);
      const v1::Statement proto = ToStatementProto({"s", "2026-10", "run", sp->plan.get(), sp}, r);
      Decimal proto_sum;
      for (const v1::StatementLine& line : proto.lines()) proto_sum = *proto_sum.Add(*Decimal::Parse(line.amount()));
      EXPECT_EQ(proto_sum, *Decimal::Parse(proto.total())) << "seed " << seed;
    }
  }
  // The generator reaches the interesting cases.
  EXPECT_GT(statements, 1000u);
  EXPECT_GT(capped, 20u);
  EXPECT_GT(adjusted, 500u);
}

TEST(CalculationPropertiesTest, RecalculatingIndependentlyBuiltInputsGivesIdenticalBytes) {
  for (int seed = 1; seed <= kSmallCases; ++seed) {
    const size_t n = Random(seed * 7919).Below(kMaxSmallTransactions + 1);
    const Case first = Generate(seed, n);
    const Case second = Generate(seed, n);
    const std::vector<std::string> bytes = CalculateBytes(first.Input(), 1);
    ASSERT_FALSE(bytes.empty() && !first.plans.empty()) << "seed " << seed;
    EXPECT_EQ(CalculateBytes(second.Input(), 1), bytes) << "seed " << seed;
  }
}

// Shuffles the transactions (with their text fields) in place.
void Shuffle(Case& c, std::mt19937_64& engine) {
  std::vector<size_t> order(c.transactions.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::shuffle(order.begin(), order.end(), engine);
  std::vector<credit::Transaction> transactions;
  std::vector<uint8_t> sources;
  for (size_t i : order) {
    transactions.push_back(c.transactions[i]);
    sources.push_back(c.fields.of[i]);
  }
  c.transactions = std::move(transactions);
  c.fields.of = std::move(sources);
}

TEST(CalculationPropertiesTest, ResultsDoNotDependOnTransactionOrderOrThreadCount) {
  std::vector<std::pair<uint64_t, size_t>> cases;
  for (int seed = 1; seed <= kSmallCases; ++seed) {
    cases.push_back({seed, Random(seed * 7919).Below(kMaxSmallTransactions + 1)});
  }
  for (int k = 0; k < kLargeCases; ++k) cases.push_back({100'000 + k, kLargeTransactions});
  for (const auto& [seed, n] : cases) {
    Case c = Generate(seed, n);
    const std::vector<std::string> baseline = CalculateBytes(c.Input(), 1);
    std::mt19937_64 engine(seed);
    for (int threads : {1, 2, 4}) {
      Shuffle(c, engine);
      EXPECT_EQ(CalculateBytes(c.Input(), threads), baseline) << "seed " << seed << ", " << threads << " threads";
    }
  }
}

// Stored rows in USD, EUR and GBP over two months, read in random orders.
TEST(CalculationPropertiesTest, StoredRowsInAnyReadOrderGiveIdenticalBytes) {
  const std::vector<fx::FxRate> rates = {{"EUR", "USD", absl::CivilMonth(2026, 9), *Decimal::Parse("1.1"), 0},
                                         {"EUR", "USD", absl::CivilMonth(2026, 10), *Decimal::Parse("1.083421"), 0},
                                         {"GBP", "USD", absl::CivilMonth(2026, 9), *Decimal::Parse("1.31"), 0},
                                         {"GBP", "USD", absl::CivilMonth(2026, 10), *Decimal::Parse("1.2577"), 0}};
  const fx::FxTable fx = TableOf(rates);
  const Period period = *ParsePeriod("2026-10", 1);
  for (int seed = 1; seed <= 40; ++seed) {
    Random r(seed);
    auto planning = std::make_shared<PlanningSnapshot>();
    const int sellers = 3 + static_cast<int>(r.Below(5));
    for (int s = 0; s < sellers; ++s) planning->sellers.push_back({absl::StrCat("s", s), s == 0 ? "Manager" : "AE"});
    for (int s = 1; s < sellers; ++s) {
      planning->lines.push_back({absl::StrCat("s", s), absl::StrCat("s", r.Below(s)), absl::CivilDay(2026, 1, 1),
                                 absl::CivilDay(2026, 10, 1) + static_cast<int>(r.Below(31))});
      planning->lines.push_back({absl::StrCat("s", s), "s0", absl::CivilDay(2026, 11, 1), std::nullopt});
    }
    for (int a = 0; a < 3; ++a) {
      planning->account_territories.push_back(
          {absl::StrCat("acc-", a), absl::StrCat("t", a % 2), false, absl::CivilDay(2026, 1, 1), std::nullopt});
    }
    for (int t = 0; t < 2; ++t) {
      planning->coverage.push_back({absl::StrCat("t", t), absl::StrCat("s", 1 + r.Below(sellers - 1)),
                                    r.Micros(1, 1'000'000), false, absl::CivilDay(2026, 1, 1), std::nullopt});
    }
    planning->product_families = {{"p0", "f0"}, {"p1", "f1"}};
    store::PlansInForce plans;
    std::shared_ptr<plan::Plan> p = RandomPlan(r, 0);
    p->period_type = plan::PeriodType::kMonthly;
    plans.versions.push_back({p, absl::CivilDay(2026, 1, 1), std::nullopt});
    for (const char* title : {"AE", "Manager"}) {
      store::AssignmentInForce a;
      a.assignment_id = title;
      a.plan_id = p->plan_id;
      a.title = title;
      a.effective_from = absl::CivilDay(2026, 1, 1);
      a.target_incentive = r.Money(20'000);
      a.quota_measure_id = "m0";
      plans.assignments.push_back(a);
    }
    absl::flat_hash_map<std::string, Decimal> quotas;
    for (int s = 0; s < sellers; ++s) quotas[absl::StrCat("s", s)] = r.Money(200'000);

    // Row text lives here; views point into it.
    struct Text {
      std::string id, date, account, product, amount, currency, owner;
    };
    std::vector<Text> texts;
    for (int i = 0, n = static_cast<int>(r.Below(150)); i < n; ++i) {
      static const char* const kCurrencies[] = {"USD", "EUR", "GBP"};
      const absl::CivilDay day = absl::CivilDay(2026, 9, 1) + static_cast<int>(r.Below(61));
      texts.push_back({absl::StrCat("t", i), absl::FormatCivilTime(day), absl::StrCat("acc-", r.Below(3)),
                       absl::StrCat("p", r.Below(2)), r.Money(30'000).ToString(), kCurrencies[r.Below(3)],
                       r.OneIn(4) ? absl::StrCat("s", r.Below(sellers)) : ""});
    }
    auto calculate = [&](std::vector<const Text*> order) {
      RunInputBuilder builder(planning, period, "USD", &fx, {});
      for (const Text* t : order) {
        store::TransactionRowView row;
        row.source_system = "crm";
        row.transaction_id = t->id;
        row.version = 1;
        row.type = "ORDER";
        row.date = t->date;
        row.account_id = t->account;
        row.product_id = t->product;
        row.amount = t->amount;
        row.currency = t->currency;
        if (!t->owner.empty()) row.owner_seller_id = t->owner;
        EXPECT_TRUE(builder.Add(row).ok());
      }
      auto inputs = std::move(builder).Finish(ResolvePlans(*planning, plans, period), quotas, {},
                                              {.max_depth = 2, .titles = {}});
      EXPECT_TRUE(inputs.ok()) << inputs.status();
      return CalculateBytes((*inputs)->input, 1);
    };
    std::vector<const Text*> order;
    for (const Text& t : texts) order.push_back(&t);
    const std::vector<std::string> baseline = calculate(order);
    EXPECT_EQ(baseline.size(), static_cast<size_t>(sellers)) << "seed " << seed;
    std::shuffle(order.begin(), order.end(), r.engine());
    EXPECT_EQ(calculate(order), baseline) << "seed " << seed;
    std::reverse(order.begin(), order.end());
    EXPECT_EQ(calculate(order), baseline) << "seed " << seed;
  }
}

// The case's transactions at `indices`, with their sources.
struct Subset {
  std::vector<credit::Transaction> transactions;
  Sources fields;
  PeriodInput Input(const Case& c) const {
    PeriodInput in = c.Input();
    in.transactions = transactions;
    in.fields = &fields;
    return in;
  }
};

Subset Pick(const Case& c, const std::vector<size_t>& indices) {
  Subset out;
  for (size_t i : indices) {
    out.transactions.push_back(c.transactions[i]);
    out.fields.of.push_back(c.fields.of[i]);
  }
  return out;
}

std::vector<std::string> EvaluateBytes(const PeriodInput& input, const PeriodMeasures& sums) {
  std::vector<SellerResult> results;
  for (const SellerPlan& sp : input.plans) {
    auto result = sums.Evaluate(sp);
    EXPECT_TRUE(result.ok()) << result.status();
    if (result.ok()) results.push_back(*std::move(result));
  }
  return StatementBytes(input, results);
}

TEST(CalculationPropertiesTest, KeptSumsPlusChangesGiveTheStatementsOfAFullCalculation) {
  int changed_statements = 0;
  for (int seed = 1; seed <= 200; ++seed) {
    Case c = Generate(seed, Random(seed * 104729).Below(kMaxSmallTransactions + 1));
    Random r(seed);
    // Each transaction: kept, kept then removed (a replaced version), or added since.
    std::vector<size_t> kept, removed, added, now;
    for (size_t i = 0; i < c.transactions.size(); ++i) {
      switch (r.Below(4)) {
        case 0: added.push_back(i); now.push_back(i); break;
        case 1: kept.push_back(i); removed.push_back(i); break;
        default: kept.push_back(i); now.push_back(i); break;
      }
    }
    const Subset before = Pick(c, kept), taken = Pick(c, removed), put = Pick(c, added),
                 after = Pick(c, now);
    auto sums = PeriodMeasures::Sum(before.Input(c), 2);
    auto added_sums = PeriodMeasures::Sum(put.Input(c), 1);
    auto removed_sums = PeriodMeasures::Sum(taken.Input(c), 1);
    auto full = PeriodMeasures::Sum(after.Input(c), 2);
    ASSERT_TRUE(sums.ok() && added_sums.ok() && removed_sums.ok() && full.ok()) << "seed " << seed;
    const std::vector<std::string> kept_bytes = EvaluateBytes(c.Input(), *sums);
    ASSERT_TRUE(sums->Merge(*added_sums, false).ok());
    ASSERT_TRUE(sums->Merge(*removed_sums, true).ok());
    const std::vector<std::string> incremental = EvaluateBytes(c.Input(), *sums);
    ASSERT_EQ(incremental, EvaluateBytes(c.Input(), *full)) << "seed " << seed;

    std::vector<uint32_t> touched = added_sums->CreditedSellers();
    for (uint32_t s : removed_sums->CreditedSellers()) touched.push_back(s);
    for (size_t k = 0; k < c.plans.size(); ++k) {
      if (incremental[k] == kept_bytes[k]) continue;
      ++changed_statements;
      EXPECT_NE(std::find(touched.begin(), touched.end(), c.plans[k].seller), touched.end())
          << "seed " << seed << ": seller " << c.plans[k].seller << " changed without credit";
    }
  }
  EXPECT_GT(changed_statements, 100);  // the property was exercised
}

}  // namespace
}  // namespace attain::compensation::calculation
