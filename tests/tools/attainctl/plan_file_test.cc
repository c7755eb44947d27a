// Plan files: the CreatePlanRequest JSON of docs/compensation_plans.md, the demo's plan, and
// the files refused before anything is sent.
#include "tools/attainctl/plan_file.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tools/attainctl/plan_view.h"

namespace attain::ctl {
namespace {

namespace fs = std::filesystem;
namespace v1 = compensation::v1;
using testing::HasSubstr;

class PlanFileTest : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("attainctl_plan_file_" + std::to_string(getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& content) {
    const fs::path path = dir_ / name;
    std::ofstream(path, std::ios::binary) << content;
    return path.string();
  }

  fs::path dir_;
};

constexpr char kPlan[] = R"({
  "plan": {"plan_id": "ae-2026", "display_name": "Account Executive 2026", "currency": "USD",
           "period_type": "PLAN_PERIOD_TYPE_QUARTERLY"},
  "version": {
    "measures": [{"measure_id": "revenue", "basis": "MEASURE_BASIS_CREDIT_AMOUNT",
                  "filter": {"types": ["TRANSACTION_TYPE_ORDER", "TRANSACTION_TYPE_CANCELLATION"]}}],
    "components": [{
      "component_id": "revenue_commission", "display_name": "Revenue commission",
      "commission": {"measure_id": "revenue",
                     "rates": {"basis": "TIER_BASIS_ATTAINMENT", "mode": "TIER_MODE_GRADUATED",
                               "rate_kind": "RATE_KIND_PERCENT_OF_MEASURE",
                               "tiers": [{"from": "0", "to": "1", "rate": "0.05"},
                                         {"from": "1", "to": "1.5", "rate": "0.08"},
                                         {"from": "1.5", "rate": "0.10"}]}},
      "cap": {"amount": "60000"}}],
    "cap": {"percent_of_target": "3"}
  },
  "request_id": "5b0f1c2e-create-ae-2026"
})";

TEST_F(PlanFileTest, ReadsTheCreatePlanRequestOfTheDocs) {
  auto request = LoadPlanFile(Write("plan.json", kPlan));
  ASSERT_TRUE(request.ok()) << request.status();
  EXPECT_EQ(request->plan().plan_id(), "ae-2026");
  EXPECT_EQ(request->plan().period_type(), v1::PLAN_PERIOD_TYPE_QUARTERLY);
  EXPECT_EQ(request->request_id(), "5b0f1c2e-create-ae-2026");
  ASSERT_EQ(request->version().components_size(), 1);
  const v1::RateTable& rates = request->version().components(0).commission().rates();
  ASSERT_EQ(rates.tiers_size(), 3);
  EXPECT_EQ(rates.tiers(2).from(), "1.5");
  EXPECT_EQ(rates.tiers(2).to(), "");
  EXPECT_EQ(rates.tiers(2).rate(), "0.10");  // decimal text, kept as written
  EXPECT_EQ(request->version().cap().percent_of_target(), "3");
}

TEST_F(PlanFileTest, TheDemoPlanOfMakeRunReads) {
  const fs::path demo = fs::path(__FILE__).parent_path() / "../../../deploy/local/demo/ae_monthly_plan.json";
  auto request = LoadPlanFile(demo.string());
  ASSERT_TRUE(request.ok()) << request.status();
  EXPECT_EQ(request->plan().plan_id(), "ae-monthly");
  EXPECT_EQ(request->plan().period_type(), v1::PLAN_PERIOD_TYPE_MONTHLY);
  ASSERT_EQ(request->version().components_size(), 2);
  EXPECT_EQ(ComponentRule(request->version().components(0)),
            "revenue: graduated by amount: 0-1000000 at 0.4%, 1000000-2500000 at 0.6%, 2500000+ at 1%");
  EXPECT_EQ(ComponentRule(request->version().components(1)),
            "250 per deal of at least 25000, 2026-10-01..2026-10-31, types order; families Analytics");
}

TEST_F(PlanFileTest, AnUnknownFieldIsAnErrorNamingTheFile) {
  const std::string path = Write("typo.json", R"({"plan": {"plan_id": "x"}, "verison": {}})");
  auto request = LoadPlanFile(path);
  ASSERT_FALSE(request.ok());
  EXPECT_EQ(request.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(request.status().message()), HasSubstr(path + ": not an attain.compensation.v1.CreatePlanRequest"));
  EXPECT_THAT(std::string(request.status().message()), HasSubstr("verison"));
}

TEST_F(PlanFileTest, YamlIsRefusedWithTheConversion) {
  auto request = LoadPlanFile(Write("plan.yaml", "plan:\n  plan_id: ae\n"));
  ASSERT_FALSE(request.ok());
  EXPECT_EQ(request.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(request.status().message()), HasSubstr("YAML plan files are not read"));
  EXPECT_THAT(std::string(request.status().message()), HasSubstr("yaml.safe_load"));
  EXPECT_EQ(LoadPlanFile((dir_ / "missing.json").string()).status().code(), absl::StatusCode::kNotFound);
}

TEST_F(PlanFileTest, ARevisionTakesTheVersionOfTheSamePlansFileOnly) {
  auto file = LoadPlanFile(Write("plan.json", kPlan));
  ASSERT_TRUE(file.ok()) << file.status();
  auto version = RevisionOf(*file, "plan.json", "plans/ae-2026");
  ASSERT_TRUE(version.ok()) << version.status();
  EXPECT_EQ(version->components(0).component_id(), "revenue_commission");
  auto other = RevisionOf(*file, "plan.json", "plans/se-2026");
  EXPECT_EQ(other.status().message(), "plan.json: the file is for plan ae-2026, not plans/se-2026");
  v1::CreatePlanRequest version_only;
  version_only.mutable_version()->add_components()->set_component_id("x");
  EXPECT_TRUE(RevisionOf(version_only, "v.json", "plans/se-2026").ok());
}

}  // namespace
}  // namespace attain::ctl
