// The planning commands (quotas, capacity, forecast, scenarios) against in-process fakes on a
// free port.
#include <iostream>
#include <sstream>

#include <CLI/CLI.hpp>
#include <gmock/gmock.h>
#include <grpcpp/server.h>
#include <grpcpp/server_builder.h>
#include <gtest/gtest.h>

#include "absl/synchronization/mutex.h"
#include "attain/planning/v1/capacity.grpc.pb.h"
#include "attain/planning/v1/forecast.grpc.pb.h"
#include "attain/planning/v1/quotas.grpc.pb.h"
#include "attain/planning/v1/scenarios.grpc.pb.h"
#include "common/errors/errors.h"
#include "tools/attainctl/planning_commands.h"

namespace attain::ctl {
namespace {

namespace v1 = planning::v1;
using testing::HasSubstr;

v1::TerritoryQuota Node(const std::string& id, const std::string& parent, int depth, const std::string& annual) {
  v1::TerritoryQuota node;
  node.set_territory_id(id);
  node.set_parent_id(parent);
  node.set_depth(depth);
  node.set_annual(annual);
  for (int q = 1; q <= 2; ++q) {
    auto* period = node.add_periods();
    period->set_period("FY2027-H" + std::to_string(q));
    period->set_amount(std::to_string(std::stoi(annual) / 2));
  }
  return node;
}

// Records the requests it receives; answers from canned data.
class FakeQuotas final : public v1::QuotaService::Service {
 public:
  grpc::Status CreateQuotaPlan(grpc::ServerContext*, const v1::CreateQuotaPlanRequest* request,
                               v1::QuotaPlan* plan) override {
    absl::MutexLock lock(&mu_);
    create_ = *request;
    *plan = request->plan();
    plan->set_name("quotaPlans/" + request->plan().plan_id());
    auto* version = plan->add_versions();
    version->set_name(plan->name() + "/versions/1");
    version->set_version(1);
    version->set_state(v1::QUOTA_PLAN_STATE_DRAFT);
    *version->mutable_spec() = request->spec();
    return grpc::Status::OK;
  }
  grpc::Status GetQuotaPlan(grpc::ServerContext*, const v1::GetQuotaPlanRequest* request,
                            v1::QuotaPlan* plan) override {
    plan->set_name(request->name());
    for (int v : {2, 3, 1}) {
      auto* version = plan->add_versions();
      version->set_version(v);
      version->set_name(request->name() + "/versions/" + std::to_string(v));
    }
    return grpc::Status::OK;
  }
  grpc::Status SubmitQuotaPlan(grpc::ServerContext*, const v1::SubmitQuotaPlanRequest* request,
                               v1::QuotaPlanVersion* version) override {
    absl::MutexLock lock(&mu_);
    submit_ = *request;
    version->set_name(request->name());
    version->set_state(v1::QUOTA_PLAN_STATE_SUBMITTED);
    version->set_revision(4);
    return grpc::Status::OK;
  }
  grpc::Status GetTerritoryQuotas(grpc::ServerContext*, const v1::GetTerritoryQuotasRequest* request,
                                  v1::GetTerritoryQuotasResponse* response) override {
    absl::MutexLock lock(&mu_);
    quotas_ = *request;
    response->set_version(request->name());
    response->set_currency("USD");
    response->add_periods()->set_label("FY2027-H1");
    response->add_periods()->set_label("FY2027-H2");
    *response->add_territories() = Node("W", "", 0, "1100");
    *response->add_territories() = Node("A", "W", 1, "600");
    *response->add_territories() = Node("A1", "A", 2, "600");
    *response->add_territories() = Node("B", "W", 1, "500");
    return grpc::Status::OK;
  }
  grpc::Status GetReconciliation(grpc::ServerContext*, const v1::GetReconciliationRequest*,
                                 v1::GetReconciliationResponse* response) override {
    auto* node = response->add_nodes();
    node->set_territory_id("W");
    node->set_top_down("1000");
    node->set_bottom_up("950");
    node->set_difference("-50");
    node->set_relative_difference("-0.05");
    return grpc::Status::OK;
  }

  absl::Mutex mu_;
  v1::CreateQuotaPlanRequest create_ ABSL_GUARDED_BY(mu_);
  v1::SubmitQuotaPlanRequest submit_ ABSL_GUARDED_BY(mu_);
  v1::GetTerritoryQuotasRequest quotas_ ABSL_GUARDED_BY(mu_);
};

class FakeCapacity final : public v1::CapacityService::Service {
 public:
  grpc::Status PlanCapacity(grpc::ServerContext*, const v1::PlanCapacityRequest* request,
                            v1::PlanCapacityResponse* response) override {
    absl::MutexLock lock(&mu_);
    request_ = *request;
    auto* period = response->add_periods();
    period->set_period("FY2027-Q1");
    period->set_gap("250");
    period->set_achievable(true);
    return grpc::Status::OK;
  }
  absl::Mutex mu_;
  v1::PlanCapacityRequest request_ ABSL_GUARDED_BY(mu_);
};

class FakeForecast final : public v1::ForecastService::Service {
 public:
  grpc::Status ForecastBookings(grpc::ServerContext*, const v1::ForecastBookingsRequest* request,
                                v1::ForecastBookingsResponse* response) override {
    if (request->horizon_months() != 12) return {grpc::StatusCode::INVALID_ARGUMENT, "want the default horizon"};
    response->set_territory_id(request->territory_id());
    response->set_method(v1::FORECAST_METHOD_DAMPED_TREND);
    response->mutable_parameters()->set_alpha("0.3");
    response->mutable_parameters()->set_phi("0.9");
    response->set_backtest_mape_percent("8.4");
    response->set_holdout_months(12);
    auto* point = response->add_points();
    point->set_month("2027-01");
    point->set_value("100.00");
    point->set_lower80("90.00");
    point->set_upper80("110.00");
    point->set_lower95("80.00");
    point->set_upper95("120.00");
    response->set_intervals_available(true);
    return grpc::Status::OK;
  }
};

class FakeScenarios final : public v1::ScenarioService::Service {
 public:
  grpc::Status ProposeBalancing(grpc::ServerContext*, const v1::ProposeBalancingRequest* request,
                                v1::Scenario* scenario) override {
    if (request->tolerance_percent() != "7") {
      return errors::ToGrpcStatus(errors::InvalidFields({{"tolerance_percent", "must be 0 < t < 100"}}));
    }
    scenario->set_name("scenarios/s1");
    for (const char* id : {"T1", "T2"}) scenario->add_territory_ids(id);
    auto load = [](v1::BalanceMetrics* metrics, const char* id, int accounts, const char* potential) {
      auto* t = metrics->add_territories();
      t->set_territory_id(id);
      t->set_account_count(accounts);
      t->set_potential(potential);
    };
    load(scenario->mutable_before(), "T2", 1, "100");  // out of order: matched by id
    load(scenario->mutable_before(), "T1", 3, "300");
    load(scenario->mutable_after(), "T1", 2, "200");
    load(scenario->mutable_after(), "T2", 2, "200");
    return grpc::Status::OK;
  }
};

struct Result {
  int exit_code;
  std::string out;
  std::string err;
};

class PlanningCommandsTest : public testing::Test {
 protected:
  void SetUp() override {
    grpc::ServerBuilder builder;
    int port = 0;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
    builder.RegisterService(&quotas_);
    builder.RegisterService(&capacity_);
    builder.RegisterService(&forecast_);
    builder.RegisterService(&scenarios_);
    server_ = builder.BuildAndStart();
    ASSERT_NE(port, 0);
    address_ = "127.0.0.1:" + std::to_string(port);
  }
  void TearDown() override { server_->Shutdown(); }

  // The planning commands on their own root, as app.cc registers them.
  Result Run(std::vector<std::string> args) {
    args.insert(args.begin(), {"attainctl", "--server", address_, "--token", "t0k"});
    std::vector<const char*> argv;
    for (const std::string& arg : args) argv.push_back(arg.c_str());
    CLI::App app{"attainctl"};
    app.require_subcommand(1);
    app.fallthrough();
    GlobalOptions options;
    int exit_code = 0;
    AddGlobalFlags(app, options);
    AddQuotaCommands(app, options, exit_code);
    AddCapacityCommand(app, options, exit_code);
    AddForecastCommand(app, options, exit_code);
    AddScenarioCommands(app, options, exit_code);
    std::ostringstream out, err;
    std::streambuf* old_out = std::cout.rdbuf(out.rdbuf());
    std::streambuf* old_err = std::cerr.rdbuf(err.rdbuf());
    try {
      app.parse(static_cast<int>(argv.size()), argv.data());
    } catch (const CLI::ParseError& e) {
      exit_code = app.exit(e) == 0 ? 0 : kExitUsage;
    }
    std::cout.rdbuf(old_out);
    std::cerr.rdbuf(old_err);
    return {exit_code, out.str(), err.str()};
  }

  FakeQuotas quotas_;
  FakeCapacity capacity_;
  FakeForecast forecast_;
  FakeScenarios scenarios_;
  std::unique_ptr<grpc::Server> server_;
  std::string address_;
};

TEST(ShiftPointTest, MovesThePointWithoutRounding) {
  EXPECT_EQ(planning_cli::ShiftPoint("10", -2), "0.1");
  EXPECT_EQ(planning_cli::ShiftPoint("2.5", -2), "0.025");
  EXPECT_EQ(planning_cli::ShiftPoint("100", -2), "1");
  EXPECT_EQ(planning_cli::ShiftPoint("0.125", 2), "12.5");
  EXPECT_EQ(planning_cli::ShiftPoint("-0.05", 2), "-5");
  EXPECT_EQ(planning_cli::ShiftPoint("0", 2), "0");
  EXPECT_EQ(planning_cli::ShiftPoint("1.", 2), std::nullopt);
  EXPECT_EQ(planning_cli::ShiftPoint("10%", -2), std::nullopt);
  EXPECT_EQ(planning_cli::FractionToPercent(""), "");
}

TEST_F(PlanningCommandsTest, AllocateFillsLowerLevelsEvenAndPrintsTheRootAndItsChildren) {
  const Result result = Run({"-o", "csv", "quotas", "allocate", "fy27", "--root", "W", "--fiscal-year", "2027",
                             "--target", "1000", "--currency", "USD", "--periods", "quarterly",
                             "--level-method", "1=potential:10%", "--seasonality", "history"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  // A1 is a grandchild of the root, so it is left out.
  EXPECT_EQ(result.out, "node,annual,FY2027-H1,FY2027-H2\nW,1100,550,550\nA,600,300,300\nB,500,250,250\n");
  absl::MutexLock lock(&quotas_.mu_);
  const v1::CreateQuotaPlanRequest& sent = quotas_.create_;
  EXPECT_EQ(sent.plan().display_name(), "FY2027 W");
  EXPECT_EQ(sent.plan().fiscal_year_start_month(), 1);
  EXPECT_EQ(sent.plan().period_type(), v1::QUOTA_PERIOD_TYPE_QUARTERLY);
  EXPECT_EQ(sent.spec().company_target(), "1000");
  EXPECT_EQ(sent.spec().seasonality().source(), v1::SEASONALITY_SOURCE_HISTORY);
  ASSERT_EQ(sent.spec().levels_size(), 2);
  EXPECT_EQ(sent.spec().levels(0).method(), v1::ALLOCATION_METHOD_EVEN);
  EXPECT_EQ(sent.spec().levels(0).padding(), "");
  EXPECT_EQ(sent.spec().levels(1).method(), v1::ALLOCATION_METHOD_POTENTIAL);
  EXPECT_EQ(sent.spec().levels(1).padding(), "0.1");
  EXPECT_FALSE(sent.request_id().empty());
  EXPECT_EQ(quotas_.quotas_.name(), "quotaPlans/fy27/versions/1");
  EXPECT_EQ(quotas_.quotas_.territory_id(), "W");
}

TEST_F(PlanningCommandsTest, AllocateRejectsAnUnknownMethodAsUsage) {
  const Result result = Run({"quotas", "allocate", "fy27", "--root", "W", "--fiscal-year", "2027", "--target",
                             "1000", "--currency", "USD", "--level-method", "0=random"});
  EXPECT_EQ(result.exit_code, kExitUsage);
  EXPECT_THAT(result.err, HasSubstr("method must be even, history or potential"));
}

TEST_F(PlanningCommandsTest, SubmitWithoutVersionSubmitsTheLatest) {
  const Result result = Run({"quotas", "submit", "fy27"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out,
            "VERSION                     STATE      EFFECTIVE_FROM  EFFECTIVE_TO  REVISION\n"
            "quotaPlans/fy27/versions/3  submitted                                4\n");
  absl::MutexLock lock(&quotas_.mu_);
  EXPECT_EQ(quotas_.submit_.name(), "quotaPlans/fy27/versions/3");
}

TEST_F(PlanningCommandsTest, ReconcileShowsTheRelativeDifferenceInPercent) {
  const Result result = Run({"-o", "csv", "quotas", "reconcile", "quotaPlans/fy27", "--version", "2"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "node,top_down,bottom_up,difference,percent\nW,1000,950,-50,-5\n");
}

TEST_F(PlanningCommandsTest, CapacityParsesCohortsHiresAndProductivity) {
  const Result result = Run({"-o", "csv", "capacity", "--fiscal-year", "2027", "--targets", "1000,2000",
                             "--headcount", "AE=3@2020-01-01", "--hire", "AE=1.5@2027-02", "--productivity",
                             "AE=90000", "--ramp", "0.25,0.5", "--hire-role", "AE", "--lead-time-months", "2"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out, HasSubstr("\nFY2027-Q1,,,,250,,,,,yes\n"));
  absl::MutexLock lock(&capacity_.mu_);
  const v1::PlanCapacityRequest& sent = capacity_.request_;
  EXPECT_EQ(sent.period_type(), v1::QUOTA_PERIOD_TYPE_MONTHLY);
  EXPECT_EQ(sent.fiscal_year_start_month(), 1);
  EXPECT_THAT(sent.targets(), testing::ElementsAre("1000", "2000"));
  ASSERT_EQ(sent.headcount_size(), 1);
  EXPECT_EQ(sent.headcount(0).start_date(), "2020-01-01");
  EXPECT_EQ(sent.headcount(0).count(), "3");
  ASSERT_EQ(sent.planned_hires_size(), 1);
  EXPECT_EQ(sent.planned_hires(0).month(), "2027-02");
  EXPECT_EQ(sent.planned_hires(0).count(), "1.5");
  EXPECT_EQ(sent.productivity(0).per_rep_per_month(), "90000");
  EXPECT_THAT(sent.ramp().by_tenure_month(), testing::ElementsAre("0.25", "0.5"));
  EXPECT_EQ(sent.hiring_lead_time_months(), 2);
}

TEST_F(PlanningCommandsTest, CapacityWithPlanUsesTheLatestVersionAndRefusesCalendarFlags) {
  ASSERT_EQ(Run({"capacity", "--plan", "fy27"}).exit_code, 0);
  {
    absl::MutexLock lock(&capacity_.mu_);
    EXPECT_EQ(capacity_.request_.quota_plan_version(), "quotaPlans/fy27/versions/3");
  }
  EXPECT_EQ(Run({"capacity", "--plan", "fy27", "--fiscal-year", "2027"}).exit_code, kExitUsage);
}

TEST_F(PlanningCommandsTest, ForecastPrintsPointsThenMethodAndBacktest) {
  const Result result = Run({"forecast", "--territory", "T1"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out, testing::StartsWith("MONTH    FORECAST  LOWER80  UPPER80  LOWER95  UPPER95\n"
                                              "2027-01  100.00    90.00    110.00   80.00    120.00\n"));
  EXPECT_THAT(result.out, HasSubstr("\nmethod: damped_trend (alpha 0.3, phi 0.9)\n"
                                    "backtest MAPE: 8.4 % (12 holdout months)\n"));
}

TEST_F(PlanningCommandsTest, BalancePrintsPerTerritoryTotalsBeforeAndAfter) {
  const Result result = Run({"-o", "csv", "scenarios", "balance", "--parent", "P", "--tolerance", "7"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out,
            "territory,accounts_before,accounts_after,potential_before,potential_after,workload_before,"
            "workload_after\nT1,3,2,300,200,,\nT2,1,2,100,200,,\n");
}

TEST_F(PlanningCommandsTest, ServerFieldViolationsArePrintedUnderTheError) {
  const Result result = Run({"scenarios", "balance", "--parent", "P", "--tolerance", "150"});
  EXPECT_EQ(result.exit_code, kExitFailure);
  EXPECT_THAT(result.err, testing::StartsWith("error: INVALID_ARGUMENT: "));
  EXPECT_THAT(result.err, HasSubstr("\n  tolerance_percent: must be 0 < t < 100\n"));
}

}  // namespace
}  // namespace attain::ctl
