// Decoding and validating quota plan inputs, and renaming engine violations into request
// fields.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "common/errors/errors.h"
#include "services/planning/engine/quota/allocation.h"
#include "services/planning/quotas/plan_input.h"
#include "services/planning/quotas/plan_names.h"

namespace attain::planning::quotas {
namespace {

using ::testing::ElementsAre;
using ::testing::Field;

v1::QuotaPlan ValidPlan() {
  v1::QuotaPlan plan;
  plan.set_plan_id("fy26");
  plan.set_display_name("FY2026");
  plan.set_fiscal_year(2026);
  plan.set_fiscal_year_start_month(2);
  plan.set_period_type(v1::QUOTA_PERIOD_TYPE_QUARTERLY);
  plan.set_currency("USD");
  plan.set_root_territory_id("world");
  return plan;
}

v1::QuotaPlanSpec ValidSpec() {
  v1::QuotaPlanSpec spec;
  spec.set_company_target("1000");
  spec.add_levels()->set_method(v1::ALLOCATION_METHOD_EVEN);
  return spec;
}

std::vector<std::string> Fields(const Violations& violations) {
  std::vector<std::string> fields;
  for (const auto& v : violations) fields.push_back(v.field);
  return fields;
}

TEST(QuotaPlanInputTest, AValidHeaderAndSpecDecodeWithDefaults) {
  Violations violations;
  auto header = ParsePlanHeader(ValidPlan(), "plan", &violations);
  auto spec = ParsePlanSpec(ValidSpec(), 4, "spec", &violations);
  ASSERT_TRUE(violations.empty());
  EXPECT_EQ(header->period_type, quota::PeriodType::kQuarterly);
  EXPECT_EQ(header->fiscal_year_start_month, 2);
  EXPECT_EQ(spec->company_target, money::Decimal::FromUnits(1000));
  EXPECT_EQ(spec->levels[0].padding, money::Decimal());
  EXPECT_EQ(spec->seasonality, v1::SEASONALITY_SOURCE_FLAT);
  EXPECT_EQ(spec->history_basis, quota::HistoryBasis::kPriorFiscalYear);
  EXPECT_FALSE(spec->NeedsAccounts());
}

TEST(QuotaPlanInputTest, EveryBadHeaderFieldIsNamedAtOnce) {
  v1::QuotaPlan plan = ValidPlan();
  plan.set_plan_id("");
  plan.set_fiscal_year(1999);
  plan.set_fiscal_year_start_month(13);
  plan.set_period_type(v1::QUOTA_PERIOD_TYPE_UNSPECIFIED);
  plan.set_currency("usd");
  plan.set_root_territory_id("a,b");
  Violations violations;
  EXPECT_FALSE(ParsePlanHeader(plan, "plan", &violations));
  EXPECT_THAT(Fields(violations),
              ElementsAre("plan.plan_id", "plan.fiscal_year", "plan.fiscal_year_start_month",
                          "plan.period_type", "plan.currency", "plan.root_territory_id"));
}

TEST(QuotaPlanInputTest, NegativeWeightsPaddingAndFractionalTargetsAreRejected) {
  v1::QuotaPlanSpec spec = ValidSpec();
  spec.set_company_target("1000.5");
  spec.mutable_levels(0)->set_padding("-0.1");
  v1::AllocationLevel* custom = spec.add_levels();
  custom->set_method(v1::ALLOCATION_METHOD_CUSTOM_WEIGHTS);
  custom->set_padding("1.5");
  v1::TerritoryWeight* w = custom->add_weights();
  w->set_territory_id("east");
  w->set_weight("-2");
  spec.add_levels()->set_method(v1::ALLOCATION_METHOD_UNSPECIFIED);
  Violations violations;
  EXPECT_FALSE(ParsePlanSpec(spec, 12, "spec", &violations));
  EXPECT_THAT(Fields(violations),
              ElementsAre("spec.company_target", "spec.levels[0].padding", "spec.levels[1].padding",
                          "spec.levels[1].weights[0].weight", "spec.levels[2].method"));
}

TEST(QuotaPlanInputTest, WeightsBelongOnlyToCustomLevelsAndGivenSeasonality) {
  v1::QuotaPlanSpec spec = ValidSpec();
  spec.mutable_levels(0)->add_weights()->set_territory_id("east");
  spec.add_levels()->set_method(v1::ALLOCATION_METHOD_CUSTOM_WEIGHTS);
  spec.mutable_seasonality()->set_source(v1::SEASONALITY_SOURCE_GIVEN);
  spec.mutable_seasonality()->add_weights("1");
  Violations violations;
  EXPECT_FALSE(ParsePlanSpec(spec, 4, "spec", &violations));
  EXPECT_THAT(Fields(violations), ElementsAre("spec.levels[0].weights", "spec.levels[1].weights",
                                              "spec.seasonality.weights"));
}

TEST(QuotaPlanInputTest, RampValuesMustBeFractions) {
  v1::QuotaPlanSpec spec = ValidSpec();
  spec.mutable_ramp()->add_by_tenure_month("0.5");
  spec.mutable_ramp()->add_by_tenure_month("1.01");
  Violations violations;
  EXPECT_FALSE(ParsePlanSpec(spec, 12, "spec", &violations));
  EXPECT_THAT(Fields(violations), ElementsAre("spec.ramp.by_tenure_month[1]"));
}

TEST(QuotaPlanInputTest, EngineViolationsAreRenamedIntoRequestFields) {
  v1::QuotaPlanSpec proto = ValidSpec();
  proto.mutable_levels(0)->set_method(v1::ALLOCATION_METHOD_HISTORICAL_SHARE);
  v1::AllocationLevel* custom = proto.add_levels();
  custom->set_method(v1::ALLOCATION_METHOD_CUSTOM_WEIGHTS);
  custom->add_weights()->set_territory_id("x");
  custom->mutable_weights(0)->set_weight("1");
  Violations ignored;
  auto spec = ParsePlanSpec(proto, 12, "spec", &ignored);
  ASSERT_TRUE(spec);
  quota::TopDownRequest request;
  request.company_target = money::Decimal::FromUnits(10);
  request.nodes = {{"root", ""}, {"a", "root"}, {"b", "a"}};
  request.levels.resize(2);
  request.levels[0].method = quota::AllocationMethod::kHistoricalShare;
  request.levels[0].weights = {{"a", money::Decimal()}};
  request.levels[1].method = quota::AllocationMethod::kCustomWeights;
  request.levels[1].weights = {{"x", money::Decimal::FromUnits(1)}};
  request.seasonality.weights = {money::Decimal::FromUnits(1)};
  auto engine = quota::AllocateTopDown(request);
  ASSERT_FALSE(engine.ok());
  const absl::Status status = FromEngineStatus(engine.status(), "spec", &*spec);
  std::vector<std::string> fields;
  for (const auto& v : errors::FieldViolationsOf(status)) fields.push_back(v.field);
  // The derived historical weights name the level's method; custom weights their territory.
  EXPECT_THAT(fields, ::testing::Contains("spec.levels[0].method"));
  EXPECT_THAT(fields, ::testing::Contains("spec.levels[1].weights[0].territory_id"));
}

TEST(QuotaPlanNamesTest, PlanAndVersionNamesRoundTrip) {
  auto plan = ParsePlanName("quotaPlans/fy26", "name", false);
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(plan->plan_id, "fy26");
  EXPECT_FALSE(plan->version);
  auto version = ParsePlanName(VersionName("fy26", 3), "name", true);
  ASSERT_TRUE(version.ok());
  EXPECT_EQ(version->version, 3);
  EXPECT_FALSE(ParsePlanName("quotaPlans/fy26", "name", true).ok());
  EXPECT_FALSE(ParsePlanName("quotaPlans/fy26/versions/0", "name", false).ok());
  EXPECT_FALSE(ParsePlanName("plans/fy26", "name", false).ok());
}

}  // namespace
}  // namespace attain::planning::quotas
