// Plans for people: rate tables, component rules, caps, and the plan report.
#include "tools/attainctl/plan_view.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace attain::ctl {
namespace {

namespace v1 = compensation::v1;
using testing::HasSubstr;

v1::RateTable Rates(v1::TierBasis basis, v1::TierMode mode, v1::RateKind kind,
                    std::vector<std::array<const char*, 3>> tiers) {
  v1::RateTable table;
  table.set_basis(basis);
  table.set_mode(mode);
  table.set_rate_kind(kind);
  for (const auto& [from, to, rate] : tiers) {
    v1::Tier* tier = table.add_tiers();
    tier->set_from(from);
    tier->set_to(to);
    tier->set_rate(rate);
  }
  return table;
}

TEST(RatesTextTest, AttainmentBoundsReadAsPercentsAndAmountsAsWritten) {
  EXPECT_EQ(RatesText(Rates(v1::TIER_BASIS_ATTAINMENT, v1::TIER_MODE_GRADUATED, v1::RATE_KIND_PERCENT_OF_MEASURE,
                            {{"0", "1", "0.05"}, {"1", "1.5", "0.08"}, {"1.5", "", "0.10"}})),
            "graduated by attainment: 0%-100% at 5%, 100%-150% at 8%, 150%+ at 10%");
  EXPECT_EQ(RatesText(Rates(v1::TIER_BASIS_AMOUNT, v1::TIER_MODE_RETROACTIVE, v1::RATE_KIND_PER_UNIT,
                            {{"0", "100", "20"}, {"100", "", "25"}})),
            "retroactive by amount: 0-100 at 20/unit, 100+ at 25/unit");
}

TEST(CapTextTest, TheLowerOfBothBoundsWhenBothAreGiven) {
  v1::Cap cap;
  EXPECT_EQ(CapText(cap), "");
  cap.set_percent_of_target("3");
  EXPECT_EQ(CapText(cap), "300% of target");
  cap.set_amount("60000");
  EXPECT_EQ(CapText(cap), "min(60000, 300% of target)");
}

TEST(ComponentRuleTest, BonusGatesAndThresholdsAreSpelledOut) {
  v1::Component bonus;
  bonus.mutable_bonus()->set_measure_id("revenue");
  auto* step = bonus.mutable_bonus()->add_steps();
  step->set_attainment("1");
  step->set_percent_of_target("0.5");
  step = bonus.mutable_bonus()->add_steps();
  step->set_attainment("1.2");
  step->set_amount("5000");
  auto* gate = bonus.add_gates();
  gate->set_measure_id("margin");
  gate->set_min_attainment("0.8");
  bonus.set_threshold("0.5");
  EXPECT_EQ(ComponentRule(bonus),
            "revenue: steps 100% pays 50% of target, 120% pays 5000; gate margin >= 80%; threshold 50%");
}

TEST(PlanTextTest, HeaderVersionsAndTheLatestVersionsRules) {
  v1::Plan plan;
  plan.set_name("plans/ae");
  plan.set_display_name("AE");
  plan.set_currency("USD");
  plan.set_period_type(v1::PLAN_PERIOD_TYPE_MONTHLY);
  v1::PlanVersion* version = plan.add_versions();
  version->set_name("plans/ae/versions/1");
  version->set_version(1);
  version->set_state(v1::PLAN_VERSION_STATE_ACTIVE);
  version->set_effective_from("2026-01-01");
  version->set_creator("admin");
  v1::Measure* measure = version->add_measures();
  measure->set_measure_id("revenue");
  v1::Component* component = version->add_components();
  component->set_component_id("commission");
  component->set_display_name("Commission");
  *component->mutable_commission()->mutable_rates() =
      Rates(v1::TIER_BASIS_AMOUNT, v1::TIER_MODE_GRADUATED, v1::RATE_KIND_PERCENT_OF_MEASURE, {{"0", "", "0.01"}});
  component->mutable_commission()->set_measure_id("revenue");
  component->mutable_cap()->set_amount("9000");
  EXPECT_EQ(PlanText(plan, 0),
            "plans/ae  AE (monthly, USD)\n"
            "\n"
            "VERSION  STATE   EFFECTIVE_FROM  EFFECTIVE_TO  CREATOR  CREATED\n"
            "1        active  2026-01-01                    admin\n"
            "\n"
            "plans/ae/versions/1  active from 2026-01-01\n"
            "\n"
            "MEASURE  BASIS          COUNTS  YEAR_TO_DATE\n"
            "revenue  credit-amount  all     no\n"
            "\n"
            "COMPONENT   DISPLAY_NAME  KIND        RULE                                    CAP\n"
            "commission  Commission    commission  revenue: graduated by amount: 0+ at 1%  9000\n");
}

TEST(AssignmentsTableTest, AssigneeAndSortedParameters) {
  google::protobuf::RepeatedPtrField<v1::PlanAssignment> assignments;
  v1::PlanAssignment* a = assignments.Add();
  a->set_plan_id("ae");
  a->set_assignment_id("a1");
  a->set_title("Account Executive");
  a->set_effective_from("2026-01-01");
  a->set_target_incentive("10000");
  (*a->mutable_parameter_overrides())["z"] = "2";
  (*a->mutable_parameter_overrides())["a"] = "1";
  EXPECT_EQ(RenderCsv(AssignmentsTable(assignments)),
            "plan,assignment,assignee,from,to,target_incentive,quota_measure,params\n"
            "ae,a1,title Account Executive,2026-01-01,,10000,,a=1;z=2\n");
}

}  // namespace
}  // namespace attain::ctl
