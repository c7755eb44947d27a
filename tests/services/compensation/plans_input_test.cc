// Decoding and validating compensation plans from the API into the engine's plan: every
// violation kind under its exact field path, all of them at once, and the round trip back.
#include <gmock/gmock.h>
#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include <cctype>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "services/compensation/plans/earnings_cycles.h"
#include "services/compensation/plans/plan_input.h"
#include "services/compensation/plans/plan_output.h"

namespace attain::compensation::plans {
namespace {

using money::Decimal;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

// A stand-in for the expression language: identifiers may contain dots; every identifier
// that is not a keyword or function must be a variable the context defines. Filter conditions
// read transaction fields; conditions and formulas read quota, target_incentive,
// value.<measure>, attainment.<measure> and params.<parameter>; formulas also
// earnings.<component>.
class FakeChecker final : public ExpressionChecker {
 public:
  ExpressionCheck Check(std::string_view source, const ExpressionContext& context) const override {
    const std::set<std::string> allowed = Allowed(context);
    ExpressionCheck out;
    int line = 1;
    int column = 1;
    for (size_t i = 0; i < source.size();) {
      const char c = source[i];
      if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
        size_t end = i;
        while (end < source.size() && (std::isalnum(static_cast<unsigned char>(source[end])) ||
                                       source[end] == '_' || source[end] == '.')) {
          ++end;
        }
        std::string word(source.substr(i, end - i));
        if (!kKeywords.contains(word)) {
          if (!allowed.contains(word)) {
            out.problem = ExpressionProblem{line, column, "unknown variable '" + word + "'"};
            out.variables.clear();
            return out;
          }
          out.variables.push_back(word);
        }
        column += static_cast<int>(end - i);
        i = end;
        continue;
      }
      if (c == '\n') {
        ++line;
        column = 1;
      } else if (std::string_view(" \t0123456789.+-*/()<>=!\",").find(c) ==
                 std::string_view::npos) {
        out.problem =
            ExpressionProblem{line, column, std::string("unexpected character '") + c + "'"};
        out.variables.clear();
        return out;
      } else {
        ++column;
      }
      ++i;
    }
    return out;
  }

 private:
  static std::set<std::string> Allowed(const ExpressionContext& context) {
    if (context.use == ExpressionUse::kTransactionFilter) {
      return {"amount", "type", "product_family", "product_id", "new_logo"};
    }
    std::set<std::string> out = {"quota", "target_incentive"};
    for (const std::string& m : context.measure_ids) {
      out.insert("value." + m);
      out.insert("attainment." + m);
    }
    for (const std::string& p : context.parameter_ids) out.insert("params." + p);
    for (const std::string& c : context.component_ids) out.insert("earnings." + c);
    return out;
  }

  inline static const std::set<std::string> kKeywords = {"and",   "or",  "not", "true",
                                                         "false", "min", "max"};
};

const FakeChecker kChecker;

v1::Plan ValidHeader() {
  v1::Plan plan;
  plan.set_plan_id("ae-2026");
  plan.set_display_name("Account Executive 2026");
  plan.set_currency("USD");
  plan.set_period_type(v1::PLAN_PERIOD_TYPE_QUARTERLY);
  return plan;
}

v1::Tier* AddTier(v1::RateTable* table, const std::string& from, const std::string& to,
                  const std::string& rate) {
  v1::Tier* tier = table->add_tiers();
  tier->set_from(from);
  tier->set_to(to);
  tier->set_rate(rate);
  return tier;
}

v1::WeightedMeasure* AddWeight(google::protobuf::RepeatedPtrField<v1::WeightedMeasure>* list,
                               const std::string& measure_id, const std::string& weight) {
  v1::WeightedMeasure* w = list->Add();
  w->set_measure_id(measure_id);
  w->set_weight(weight);
  return w;
}

v1::Component* AddComponent(v1::PlanVersion* version, const std::string& id) {
  v1::Component* c = version->add_components();
  c->set_component_id(id);
  c->set_display_name(id);
  return c;
}

v1::Component* AddFormula(v1::PlanVersion* version, const std::string& id,
                          const std::string& expression) {
  v1::Component* c = AddComponent(version, id);
  c->mutable_formula()->set_expression(expression);
  return c;
}

// Every part of the API: three measures, a parameter, and six components (index in brackets):
// [0] base: graduated commission with an accelerator, weighted attainment, gate, threshold, cap
// [1] seats: per-unit commission on a quantity measure by amount tiers
// [2] attainment_bonus: a curve   [3] step_bonus: steps on weighted attainment
// [4] q3_spif                     [5] kicker: a formula reading base's earnings
v1::PlanVersion ValidVersion() {
  v1::PlanVersion version;
  v1::Measure* revenue = version.add_measures();
  revenue->set_measure_id("revenue");
  revenue->set_basis(v1::MEASURE_BASIS_CREDIT_AMOUNT);
  revenue->mutable_filter()->add_types(v1::TRANSACTION_TYPE_ORDER);
  revenue->mutable_filter()->add_types(v1::TRANSACTION_TYPE_CANCELLATION);
  v1::Measure* new_logo = version.add_measures();
  new_logo->set_measure_id("new_logo");
  new_logo->set_basis(v1::MEASURE_BASIS_MARGIN);
  new_logo->mutable_filter()->add_product_families("Analytics");
  new_logo->mutable_filter()->set_condition("new_logo and amount >= 1000");
  v1::Measure* seats = version.add_measures();
  seats->set_measure_id("seats");
  seats->set_basis(v1::MEASURE_BASIS_QUANTITY);
  seats->set_year_to_date(true);
  v1::PlanParameter* kicker_rate = version.add_parameters();
  kicker_rate->set_parameter_id("kicker_rate");
  kicker_rate->set_value("0.02");

  v1::Component* base = AddComponent(&version, "base");
  base->set_display_name("Base commission");
  v1::Commission* commission = base->mutable_commission();
  commission->set_measure_id("revenue");
  v1::RateTable* rates = commission->mutable_rates();
  rates->set_basis(v1::TIER_BASIS_ATTAINMENT);
  rates->set_mode(v1::TIER_MODE_GRADUATED);
  rates->set_rate_kind(v1::RATE_KIND_PERCENT_OF_MEASURE);
  AddTier(rates, "0", "1", "0.05");
  AddTier(rates, "1", "", "0.08");
  AddWeight(commission->mutable_weighted(), "revenue", "0.7");
  AddWeight(commission->mutable_weighted(), "new_logo", "0.3");
  v1::Gate* gate = base->add_gates();
  gate->set_measure_id("new_logo");
  gate->set_min_attainment("0.25");
  base->set_threshold("0.5");
  base->mutable_cap()->set_amount("50000");
  base->mutable_cap()->set_percent_of_target("2");

  v1::Commission* per_seat = AddComponent(&version, "seats")->mutable_commission();
  per_seat->set_measure_id("seats");
  per_seat->mutable_rates()->set_basis(v1::TIER_BASIS_AMOUNT);
  per_seat->mutable_rates()->set_mode(v1::TIER_MODE_RETROACTIVE);
  per_seat->mutable_rates()->set_rate_kind(v1::RATE_KIND_PER_UNIT);
  AddTier(per_seat->mutable_rates(), "0", "100", "10");
  AddTier(per_seat->mutable_rates(), "100", "", "15");

  v1::Bonus* curve = AddComponent(&version, "attainment_bonus")->mutable_bonus();
  curve->set_measure_id("revenue");
  const std::vector<std::pair<std::string, std::string>> points = {
      {"0.5", "0"}, {"1", "1"}, {"1.5", "2"}};
  for (const auto& [attainment, payout] : points) {
    v1::CurvePoint* point = curve->add_curve();
    point->set_attainment(attainment);
    point->set_payout(payout);
  }

  v1::Bonus* steps = AddComponent(&version, "step_bonus")->mutable_bonus();
  AddWeight(steps->mutable_weighted(), "revenue", "0.5");
  AddWeight(steps->mutable_weighted(), "new_logo", "0.5");
  v1::BonusStep* step = steps->add_steps();
  step->set_attainment("1");
  step->set_amount("1000");
  step = steps->add_steps();
  step->set_attainment("1.2");
  step->set_percent_of_target("0.25");

  v1::Spif* spif = AddComponent(&version, "q3_spif")->mutable_spif();
  spif->mutable_filter()->add_types(v1::TRANSACTION_TYPE_ORDER);
  spif->mutable_filter()->add_product_ids("p-100");
  spif->set_start_date("2026-07-01");
  spif->set_end_date("2026-09-30");
  spif->set_amount_per_deal("500");
  spif->set_min_amount("10000");

  v1::Component* kicker =
      AddFormula(&version, "kicker", "earnings.base * params.kicker_rate + value.seats");
  kicker->set_condition("attainment.revenue >= 1");

  version.mutable_cap()->set_amount("250000");
  return version;
}

struct Decoded {
  std::optional<plan::Plan> plan;
  Violations violations;
};

Decoded Decode(const v1::PlanVersion& version) {
  Decoded out;
  out.plan = ParsePlanVersion(*ParsePlanHeader(ValidHeader(), "plan", &out.violations), version,
                              kChecker, "version", &out.violations);
  return out;
}

std::vector<std::string> Fields(const Violations& violations) {
  std::vector<std::string> fields;
  for (const auto& v : violations) fields.push_back(v.field);
  return fields;
}

std::vector<std::string> Described(const Violations& violations) {
  std::vector<std::string> out;
  for (const auto& v : violations) out.push_back(v.field + ": " + v.description);
  return out;
}

std::string Path(int component, const std::string& rest) {
  return "version.components[" + std::to_string(component) + "]." + rest;
}

TEST(PlanInputTest, AValidPlanDecodesIntoTheEngineTypes) {
  Decoded d = Decode(ValidVersion());
  ASSERT_THAT(Described(d.violations), IsEmpty());
  ASSERT_TRUE(d.plan);
  const plan::Plan& p = *d.plan;
  EXPECT_EQ(p.plan_id, "ae-2026");
  EXPECT_EQ(p.currency, "USD");
  EXPECT_EQ(p.period_type, plan::PeriodType::kQuarterly);
  EXPECT_EQ(p.version, 1);
  ASSERT_EQ(p.measures.size(), 3u);
  EXPECT_THAT(p.measures[0].filter.types,
              ElementsAre(plan::TransactionType::kOrder, plan::TransactionType::kCancellation));
  EXPECT_EQ(p.measures[1].basis, plan::MeasureBasis::kMargin);
  EXPECT_TRUE(p.measures[2].year_to_date);
  EXPECT_EQ(p.parameters[0].value, Decimal::FromMicros(20'000));

  ASSERT_EQ(p.components.size(), 6u);
  const plan::Component& base = p.components[0];
  EXPECT_EQ(base.name, "Base commission");
  EXPECT_EQ(base.kind, plan::ComponentKind::kCommission);
  EXPECT_EQ(base.commission.rates.mode, plan::TierMode::kGraduated);
  ASSERT_EQ(base.commission.rates.tiers.size(), 2u);
  EXPECT_EQ(base.commission.rates.tiers[0].to, Decimal::FromUnits(1));
  EXPECT_EQ(base.commission.rates.tiers[1].from, Decimal::FromUnits(1));
  EXPECT_FALSE(base.commission.rates.tiers[1].to.has_value());
  EXPECT_EQ(base.commission.rates.tiers[1].rate, Decimal::FromMicros(80'000));
  EXPECT_EQ(base.commission.weighted[1].weight, Decimal::FromMicros(300'000));
  EXPECT_EQ(base.gates[0].min_attainment, Decimal::FromMicros(250'000));
  EXPECT_EQ(base.threshold, Decimal::FromMicros(500'000));
  EXPECT_EQ(base.cap.amount, Decimal::FromUnits(50'000));
  EXPECT_EQ(base.cap.percent_of_target, Decimal::FromUnits(2));

  EXPECT_EQ(p.components[1].commission.rates.rate_kind, plan::RateKind::kPerUnit);
  EXPECT_EQ(p.components[1].commission.rates.basis, plan::TierBasis::kAmount);
  EXPECT_EQ(p.components[2].bonus.curve[2].payout, Decimal::FromUnits(2));
  EXPECT_EQ(p.components[3].bonus.steps[0].amount, Decimal::FromUnits(1000));
  EXPECT_FALSE(p.components[3].bonus.steps[0].percent_of_target.has_value());
  EXPECT_EQ(p.components[3].bonus.steps[1].percent_of_target, Decimal::FromMicros(250'000));
  const plan::Spif& spif = p.components[4].spif;
  EXPECT_EQ(spif.from, absl::CivilDay(2026, 7, 1));
  EXPECT_EQ(spif.to, absl::CivilDay(2026, 9, 30));
  EXPECT_EQ(spif.min_amount, Decimal::FromUnits(10'000));
  EXPECT_EQ(p.components[5].kind, plan::ComponentKind::kFormula);
  EXPECT_EQ(p.cap.amount, Decimal::FromUnits(250'000));
  EXPECT_FALSE(p.cap.percent_of_target.has_value());
}

TEST(PlanInputTest, AValidPlanRoundTripsThroughTheEngineTypes) {
  Decoded d = Decode(ValidVersion());
  ASSERT_TRUE(d.plan);
  v1::PlanVersion expected = ValidVersion();
  expected.set_name("plans/ae-2026/versions/1");
  expected.set_version(1);
  const v1::PlanVersion encoded = PlanVersionToProto(*d.plan);
  std::string diff;
  google::protobuf::util::MessageDifferencer differencer;
  differencer.ReportDifferencesToString(&diff);
  EXPECT_TRUE(differencer.Compare(expected, encoded)) << diff;

  Violations violations;
  auto header = ParsePlanHeader(ValidHeader(), "plan", &violations);
  ASSERT_TRUE(header);
  v1::Plan expected_header = ValidHeader();
  expected_header.set_name("plans/ae-2026");
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(expected_header,
                                                                 PlanHeaderToProto(*header)));
}

TEST(PlanInputTest, OutputOnlyFieldsAreIgnored) {
  v1::PlanVersion version = ValidVersion();
  version.set_version(7);
  version.set_state(static_cast<v1::PlanVersionState>(42));
  version.set_effective_from("not a date");
  Decoded d = Decode(version);
  EXPECT_THAT(d.violations, IsEmpty());
  ASSERT_TRUE(d.plan);
  EXPECT_EQ(d.plan->version, 1);
}

TEST(PlanInputTest, EveryBadHeaderFieldIsNamedAtOnce) {
  v1::Plan plan;
  plan.set_plan_id("ae 2026");
  plan.set_currency("usd");
  Violations violations;
  EXPECT_FALSE(ParsePlanHeader(plan, "plan", &violations));
  EXPECT_THAT(Described(violations),
              ElementsAre("plan.plan_id: is required: 1-64 letters, digits, '-', '_' or '.'",
                          "plan.display_name: is required (at most 200 characters)",
                          "plan.currency: must be an ISO 4217 code such as USD",
                          "plan.period_type: must be MONTHLY, QUARTERLY or ANNUAL"));

  plan = ValidHeader();
  plan.set_period_type(static_cast<v1::PlanPeriodType>(9));
  violations.clear();
  EXPECT_FALSE(ParsePlanHeader(plan, "plan", &violations));
  EXPECT_THAT(Fields(violations), ElementsAre("plan.period_type"));
}

TEST(PlanInputTest, UnknownMeasuresAreNamedWhereverTheyAreReferenced) {
  v1::PlanVersion version = ValidVersion();
  version.mutable_components(0)->mutable_commission()->set_measure_id("revnue");
  version.mutable_components(0)->mutable_commission()->mutable_weighted(1)->set_measure_id("logos");
  version.mutable_components(0)->mutable_gates(0)->set_measure_id("pipeline");
  version.mutable_components(2)->mutable_bonus()->set_measure_id("bookings");
  version.mutable_components(3)->mutable_bonus()->mutable_weighted(0)->set_measure_id("");
  Decoded d = Decode(version);
  EXPECT_FALSE(d.plan);
  EXPECT_THAT(Described(d.violations),
              ElementsAre(Path(0, "commission.measure_id: unknown measure 'revnue'"),
                          Path(0, "commission.weighted[1].measure_id: unknown measure 'logos'"),
                          Path(0, "gates[0].measure_id: unknown measure 'pipeline'"),
                          Path(2, "bonus.measure_id: unknown measure 'bookings'"),
                          Path(3, "bonus.weighted[0].measure_id: is required")));
}

TEST(PlanInputTest, DuplicateAndMalformedIdsAreNamedAtTheirSecondDefinition) {
  v1::PlanVersion version = ValidVersion();
  version.add_measures()->set_measure_id("revenue");
  version.add_measures()->set_measure_id("New-Logo");
  version.add_parameters()->CopyFrom(version.parameters(0));
  *version.add_components() = version.components(5);
  Decoded d = Decode(version);
  EXPECT_FALSE(d.plan);
  EXPECT_THAT(
      Described(d.violations),
      ElementsAre("version.measures[3].measure_id: 'revenue' is already the id of measures[0]",
                  "version.measures[4].measure_id: must be a lower-case identifier: a letter, "
                  "then letters, digits or '_' (at most 64)",
                  "version.parameters[1].parameter_id: 'kicker_rate' is already the id of "
                  "parameters[0]",
                  "version.components[6].component_id: 'kicker' is already the id of "
                  "components[5]"));
}

TEST(PlanInputTest, TiersStartAtZeroAreContiguousIncreasingAndOnlyTheLastIsOpenEnded) {
  v1::PlanVersion version = ValidVersion();
  v1::RateTable* rates = version.mutable_components(0)->mutable_commission()->mutable_rates();
  rates->clear_tiers();
  AddTier(rates, "0.1", "1", "0.05");
  AddTier(rates, "1.1", "1.05", "-0.01");
  AddTier(rates, "1.05", "", "0.1");
  AddTier(rates, "2", "3", "0.12");
  Decoded d = Decode(version);
  EXPECT_FALSE(d.plan);
  const std::string tiers = Path(0, "commission.rates.tiers");
  EXPECT_THAT(Described(d.violations),
              ElementsAre(tiers + "[0].from: the first tier must start at 0",
                          tiers + "[1].rate: must not be negative",
                          tiers + "[1].from: must equal tiers[0].to (1): tiers are contiguous",
                          tiers + "[1].to: must be greater than from (1.1)",
                          tiers + "[2].to: only the last tier may be open-ended",
                          tiers + "[3].to: the last tier must be open-ended (empty); a cap "
                                  "limits earnings"));
}

TEST(PlanInputTest, ARateTableNeedsTiersAModeAndKnownEnums) {
  v1::PlanVersion version = ValidVersion();
  v1::RateTable* rates = version.mutable_components(0)->mutable_commission()->mutable_rates();
  rates->clear_tiers();
  rates->set_mode(v1::TIER_MODE_UNSPECIFIED);
  rates->set_basis(static_cast<v1::TierBasis>(9));
  rates->set_rate_kind(static_cast<v1::RateKind>(3));
  Decoded d = Decode(version);
  EXPECT_FALSE(d.plan);
  EXPECT_THAT(Described(d.violations),
              ElementsAre(Path(0, "commission.rates.basis: must be ATTAINMENT or AMOUNT"),
                          Path(0, "commission.rates.mode: must be GRADUATED or RETROACTIVE"),
                          Path(0,
                               "commission.rates.rate_kind: must be PERCENT_OF_MEASURE or "
                               "PER_UNIT"),
                          Path(0, "commission.rates.tiers: needs at least one tier")));
}

TEST(PlanInputTest, PerUnitRatesGoWithQuantityMeasuresOnly) {
  v1::PlanVersion version = ValidVersion();
  version.mutable_components(0)->mutable_commission()->mutable_rates()->set_rate_kind(
      v1::RATE_KIND_PER_UNIT);
  version.mutable_components(1)->mutable_commission()->mutable_rates()->set_rate_kind(
      v1::RATE_KIND_UNSPECIFIED);  // = PERCENT_OF_MEASURE
  Decoded d = Decode(version);
  EXPECT_THAT(Described(d.violations),
              ElementsAre(Path(0,
                               "commission.rates.rate_kind: PER_UNIT rates need a QUANTITY "
                               "measure"),
                          Path(1,
                               "commission.rates.rate_kind: a QUANTITY measure is paid "
                               "PER_UNIT")));
}

TEST(PlanInputTest, WeightsArePositiveDistinctAndSumToExactlyOne) {
  v1::PlanVersion version = ValidVersion();
  // 0.7 + 0.2 = 0.9.
  version.mutable_components(0)->mutable_commission()->mutable_weighted(1)->set_weight("0.2");
  auto* bonus_weights = version.mutable_components(3)->mutable_bonus()->mutable_weighted();
  bonus_weights->Mutable(1)->set_measure_id("revenue");
  AddWeight(bonus_weights, "seats", "0");
  Decoded d = Decode(version);
  EXPECT_FALSE(d.plan);
  EXPECT_THAT(Described(d.violations),
              ElementsAre(Path(0, "commission.weighted: weights must sum to 1, not 0.9"),
                          Path(3,
                               "bonus.weighted[1].measure_id: 'revenue' is already weighted "
                               "in weighted[0]"),
                          Path(3, "bonus.weighted[2].weight: must be greater than 0")));
}

TEST(PlanInputTest, BonusStepsAndCurvePointsIncreaseInAttainment) {
  v1::PlanVersion version = ValidVersion();
  v1::Bonus* steps = version.mutable_components(3)->mutable_bonus();
  steps->mutable_steps(1)->set_attainment("1");
  v1::BonusStep* third = steps->add_steps();
  third->set_attainment("0.9");
  v1::Bonus* curve = version.mutable_components(2)->mutable_bonus();
  curve->mutable_curve(2)->set_attainment("0.8");
  Decoded d = Decode(version);
  EXPECT_FALSE(d.plan);
  EXPECT_THAT(
      Described(d.violations),
      ElementsAre(
          Path(2, "bonus.curve[2].attainment: must be greater than curve[1].attainment (1)"),
          Path(3, "bonus.steps[2].payout: set amount or percent_of_target"),
          Path(3, "bonus.steps[1].attainment: must be greater than steps[0].attainment (1)"),
          Path(3, "bonus.steps[2].attainment: must be greater than steps[1].attainment (1)")));
}

TEST(PlanInputTest, ABonusHasOneAttainmentSourceAndOneSchedule) {
  v1::PlanVersion version = ValidVersion();
  v1::Bonus* both = version.mutable_components(2)->mutable_bonus();
  AddWeight(both->mutable_weighted(), "revenue", "1");
  both->add_steps()->set_attainment("1");
  both->mutable_steps(0)->set_amount("100");
  version.mutable_components(3)->mutable_bonus()->Clear();
  Decoded d = Decode(version);
  EXPECT_FALSE(d.plan);
  EXPECT_THAT(Described(d.violations),
              ElementsAre(Path(2, "bonus.weighted: give measure_id or weighted, not both"),
                          Path(2, "bonus.curve: give steps or a curve, not both"),
                          Path(3, "bonus.measure_id: set measure_id or weighted"),
                          Path(3, "bonus.steps: needs steps or a curve")));
}

TEST(PlanInputTest, ASpifWindowMustNotBeInvertedAndPaysAPositiveAmount) {
  v1::PlanVersion version = ValidVersion();
  v1::Spif* spif = version.mutable_components(4)->mutable_spif();
  spif->set_start_date("2026-09-30");
  spif->set_end_date("2026-07-01");
  spif->set_amount_per_deal("0");
  spif->set_min_amount("-1");
  Decoded d = Decode(version);
  EXPECT_FALSE(d.plan);
  EXPECT_THAT(Described(d.violations),
              ElementsAre(Path(4, "spif.end_date: must not be before start_date (2026-09-30)"),
                          Path(4, "spif.amount_per_deal: must be greater than 0"),
                          Path(4, "spif.min_amount: must not be negative")));
}

TEST(PlanInputTest, BadDatesAreNamed) {
  v1::PlanVersion version = ValidVersion();
  v1::Spif* spif = version.mutable_components(4)->mutable_spif();
  spif->set_start_date("2026-02-30");
  spif->set_end_date("");
  Decoded d = Decode(version);
  EXPECT_THAT(Described(d.violations),
              ElementsAre(Path(4,
                               "spif.start_date: must be a date YYYY-MM-DD that exists in the "
                               "calendar"),
                          Path(4, "spif.end_date: is required")));
}

TEST(PlanInputTest, CapsMustNotBeNegative) {
  v1::PlanVersion version = ValidVersion();
  version.mutable_components(0)->mutable_cap()->set_amount("-1");
  version.mutable_cap()->set_percent_of_target("-0.5");
  Decoded d = Decode(version);
  EXPECT_FALSE(d.plan);
  EXPECT_THAT(Described(d.violations),
              ElementsAre(Path(0, "cap.amount: must not be negative"),
                          "version.cap.percent_of_target: must not be negative"));
}

TEST(PlanInputTest, BalancesClawbackAndMboDecodeAndRoundTrip) {
  v1::PlanVersion version = ValidVersion();
  version.mutable_balances()->mutable_draw()->set_amount("2500");
  version.mutable_balances()->mutable_draw()->set_recoverable(true);
  version.mutable_balances()->set_negative_earnings(v1::NEGATIVE_EARNINGS_DEDUCT);
  version.mutable_balances()->set_max_recovery("0.5");
  version.mutable_clawback()->set_window_days(90);
  v1::Component* mbo = AddComponent(&version, "objectives");
  mbo->mutable_mbo()->set_scale_max("5");
  mbo->mutable_mbo()->set_percent_of_target("0.2");
  Decoded d = Decode(version);
  ASSERT_THAT(Described(d.violations), IsEmpty());
  ASSERT_TRUE(d.plan);
  ASSERT_TRUE(d.plan->balances.draw);
  EXPECT_EQ(d.plan->balances.draw->amount, Decimal::FromUnits(2500));
  EXPECT_TRUE(d.plan->balances.draw->recoverable);
  EXPECT_EQ(d.plan->balances.negative_earnings, plan::NegativeEarnings::kDeduct);
  EXPECT_EQ(d.plan->balances.max_recovery, Decimal::FromMicros(500'000));
  EXPECT_EQ(d.plan->clawback_window_days, 90);
  const plan::Component& objectives = d.plan->components.back();
  EXPECT_EQ(objectives.kind, plan::ComponentKind::kMbo);
  EXPECT_EQ(objectives.mbo.scale_max, Decimal::FromUnits(5));
  EXPECT_EQ(objectives.mbo.percent_of_target, Decimal::FromMicros(200'000));
  EXPECT_FALSE(objectives.mbo.amount.has_value());

  version.set_name("plans/ae-2026/versions/1");
  version.set_version(1);
  std::string diff;
  google::protobuf::util::MessageDifferencer differencer;
  differencer.ReportDifferencesToString(&diff);
  EXPECT_TRUE(differencer.Compare(version, PlanVersionToProto(*d.plan))) << diff;
}

TEST(PlanInputTest, BadBalancesClawbackWindowsAndMboTargetsAreNamed) {
  v1::PlanVersion version = ValidVersion();
  version.mutable_balances()->mutable_draw()->set_amount("0");
  version.mutable_balances()->set_max_recovery("1.5");
  version.mutable_clawback()->set_window_days(-1);
  v1::Component* mbo = AddComponent(&version, "objectives");
  mbo->mutable_mbo()->set_scale_max("0");
  Decoded d = Decode(version);
  EXPECT_FALSE(d.plan);
  EXPECT_THAT(Described(d.violations),
              ElementsAre(Path(6, "mbo.scale_max: must be greater than 0"),
                          Path(6, "mbo.target: set amount or percent_of_target"),
                          "version.balances.draw.amount: must be greater than 0",
                          "version.balances.max_recovery: must be a fraction in (0, 1]",
                          "version.clawback.window_days: must be 0 (no clawback) to 3660"));
}

TEST(PlanInputTest, FormulasReadingEachOthersEarningsInACycleAreNamedOncePerCycle) {
  v1::PlanVersion version = ValidVersion();
  // kicker [5] -> loop_b [6] -> loop_c [7] -> kicker; loop_b also reads base (no cycle) and
  // loop_c reads loop_b (a shorter cycle inside the same group); self_ref [8] reads itself.
  version.mutable_components(5)->mutable_formula()->set_expression(
      "earnings.base + earnings.loop_b");
  AddFormula(&version, "loop_b", "earnings.loop_c * 0.1 + earnings.base");
  AddFormula(&version, "loop_c", "earnings.kicker + earnings.loop_b");
  AddFormula(&version, "self_ref", "max(earnings.self_ref, 0)");
  Decoded d = Decode(version);
  EXPECT_FALSE(d.plan);
  EXPECT_THAT(Described(d.violations),
              ElementsAre(Path(5,
                               "formula.expression: circular earnings reference: kicker → "
                               "loop_b → loop_c → kicker"),
                          Path(8,
                               "formula.expression: circular earnings reference: self_ref → "
                               "self_ref")));
}

TEST(PlanInputTest, EarningsCyclesAreShortestThroughEachGroupsFirstComponent) {
  // 0 -> 1 -> 2 -> 0 and 0 -> 2 -> 0; 3 -> 4 -> 3; 5 reads 0 without a cycle; 6 reads itself.
  EXPECT_THAT(FindEarningsCycles({{1, 2}, {2}, {0}, {4}, {3}, {0}, {6}}),
              ElementsAre(ElementsAre(0, 2), ElementsAre(3, 4), ElementsAre(6)));
  EXPECT_THAT(FindEarningsCycles({{1}, {2}, {}}), IsEmpty());
}

TEST(PlanInputTest, ExpressionProblemsAreAnchoredAtLineAndColumn) {
  v1::PlanVersion version = ValidVersion();
  version.mutable_measures(0)->mutable_filter()->set_condition("amount >= 1000 and regoin == 1");
  version.mutable_components(4)->mutable_spif()->mutable_filter()->set_condition("amount $ 5");
  // Conditions may not read earnings: only formulas may.
  version.mutable_components(5)->set_condition("earnings.base > 0");
  version.mutable_components(5)->mutable_formula()->set_expression(
      "value.revenue *\n  params.kicker");
  Decoded d = Decode(version);
  EXPECT_FALSE(d.plan);
  EXPECT_THAT(
      Described(d.violations),
      ElementsAre("version.measures[0].filter.condition: line 1, column 20: unknown variable "
                  "'regoin'",
                  Path(4, "spif.filter.condition: line 1, column 8: unexpected character '$'"),
                  Path(5, "formula.expression: line 2, column 3: unknown variable 'params.kicker'"),
                  Path(5, "condition: line 1, column 1: unknown variable 'earnings.base'")));
}

TEST(PlanInputTest, BadDecimalsAndUnknownEnumValuesAreNamed) {
  v1::PlanVersion version = ValidVersion();
  version.mutable_measures(0)->set_basis(static_cast<v1::MeasureBasis>(17));
  version.mutable_measures(0)->mutable_filter()->add_types(v1::TRANSACTION_TYPE_UNSPECIFIED);
  version.mutable_measures(0)->mutable_filter()->add_types(static_cast<v1::TransactionType>(42));
  version.mutable_measures(0)->mutable_filter()->add_product_ids("p 1");
  version.mutable_parameters(0)->set_value("0.1234567");
  version.mutable_components(0)->mutable_commission()->mutable_rates()->mutable_tiers(1)->set_rate(
      "8%");
  version.mutable_components(0)->set_threshold("half");
  Decoded d = Decode(version);
  EXPECT_FALSE(d.plan);
  const std::string bad_decimal = ": must be a decimal number with at most 6 fractional digits";
  EXPECT_THAT(
      Described(d.violations),
      ElementsAre("version.measures[0].basis: must be CREDIT_AMOUNT, MARGIN or QUANTITY",
                  "version.measures[0].filter.types[2]: must be ORDER, INVOICE, CANCELLATION, "
                  "REFUND or ADJUSTMENT",
                  "version.measures[0].filter.types[3]: must be ORDER, INVOICE, CANCELLATION, "
                  "REFUND or ADJUSTMENT",
                  "version.measures[0].filter.product_ids[0]: must be a product id: 1-64 "
                  "letters, digits, '-', '_' or '.'",
                  "version.parameters[0].value" + bad_decimal,
                  Path(0, "commission.rates.tiers[1].rate") + bad_decimal,
                  Path(0, "threshold") + bad_decimal));
}

TEST(PlanInputTest, AComponentNeedsANameAndAKindAndOnlyCommissionsAndBonusesHaveThresholds) {
  v1::PlanVersion version = ValidVersion();
  version.mutable_components(4)->set_threshold("0.5");
  version.mutable_components(5)->set_threshold("0");  // zero is no threshold
  v1::Component* empty = version.add_components();
  empty->set_component_id("todo");
  Decoded d = Decode(version);
  EXPECT_FALSE(d.plan);
  EXPECT_THAT(Described(d.violations),
              ElementsAre(Path(4,
                               "threshold: only commissions and bonuses have an attainment to "
                               "hold back; use a gate"),
                          Path(6, "display_name: is required (at most 200 characters)"),
                          Path(6, "kind: set one of commission, bonus, spif, formula or mbo")));

  Decoded none = Decode(v1::PlanVersion());
  EXPECT_THAT(Described(none.violations),
              ElementsAre("version.components: needs at least one component"));
}

TEST(PlanInputTest, EveryViolationOfAPlanIsReportedAtOnce) {
  v1::Plan header = ValidHeader();
  header.set_currency("");
  v1::PlanVersion version = ValidVersion();
  version.mutable_measures(2)->set_measure_id("revenue");
  version.mutable_components(0)->mutable_commission()->mutable_rates()->mutable_tiers(1)->set_from(
      "0.9");
  version.mutable_components(2)->mutable_bonus()->set_measure_id("pipeline");
  version.mutable_components(4)->mutable_spif()->set_end_date("2026-06-30");
  version.mutable_components(5)->mutable_formula()->set_expression("earnings.kicker");
  version.mutable_cap()->set_amount("-5");

  Violations violations;
  auto parsed_header = ParsePlanHeader(header, "plan", &violations);
  auto parsed = ParsePlanVersion(parsed_header.value_or(PlanHeader()), version, kChecker, "version",
                                 &violations);
  EXPECT_FALSE(parsed_header);
  EXPECT_FALSE(parsed);
  // measures[2] no longer defines seats, so the seats commission loses its measure too; the
  // kicker formula now reads its own earnings.
  EXPECT_THAT(
      Fields(violations),
      ElementsAre("plan.currency", "version.measures[2].measure_id",
                  Path(0, "commission.rates.tiers[1].from"), Path(1, "commission.measure_id"),
                  Path(2, "bonus.measure_id"), Path(4, "spif.end_date"),
                  "version.components[5].formula.expression", "version.cap.amount"));
  EXPECT_EQ(violations[6].description, "circular earnings reference: kicker → kicker");
}

}  // namespace
}  // namespace attain::compensation::plans
