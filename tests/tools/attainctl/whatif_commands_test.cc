// attainctl whatif against an in-process fake WhatIfService: the request sent and the report
// printed as tables, json and csv.
#include <gtest/gtest.h>

#include "absl/synchronization/mutex.h"
#include "attain/compensation/v1/whatif.grpc.pb.h"
#include "tests/tools/attainctl/command_harness.h"

namespace attain::ctl {
namespace {

namespace v1 = compensation::v1;

class FakeWhatIf final : public v1::WhatIfService::Service {
 public:
  grpc::Status RunWhatIf(grpc::ServerContext*, const v1::RunWhatIfRequest* request,
                         v1::WhatIfResult* response) override {
    absl::MutexLock lock(&mu_);
    request_ = *request;
    response->set_period("2026-10");
    response->set_plan_version("plans/ae/versions/2");
    response->set_actual_run("periods/2026-10/runs/3");
    v1::WhatIfCurrencyTotal* total = response->add_totals();
    total->set_currency("USD");
    total->set_actual("1570.00");
    total->set_sandbox("1850.00");
    total->set_delta("280.00");
    v1::WhatIfComponentDelta* component = response->add_components();
    component->set_component_id("commission");
    component->set_currency("USD");
    component->set_actual("1320.00");
    component->set_sandbox("1600.00");
    component->set_delta("280.00");
    response->set_sellers_compared(2);
    response->set_sellers_affected(1);
    v1::WhatIfSellerDelta* gainer = response->add_top_gainers();
    gainer->set_seller_id("rep-1");
    gainer->set_currency("USD");
    gainer->set_actual("910.00");
    gainer->set_sandbox("1190.00");
    gainer->set_delta("280.00");
    return grpc::Status::OK;
  }

  absl::Mutex mu_;
  v1::RunWhatIfRequest request_;
};

using WhatIfCommandTest = FakeServerTest<FakeWhatIf>;

TEST_F(WhatIfCommandTest, SendsThePeriodVersionAndTopAndPrintsTheTables) {
  const Result result =
      Run({"whatif", "--period", "2026-10", "--plan-version", "plans/ae/versions/2", "--top", "5"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  {
    absl::MutexLock lock(&fake_.mu_);
    EXPECT_EQ(fake_.request_.period(), "2026-10");
    EXPECT_EQ(fake_.request_.plan_version(), "plans/ae/versions/2");
    EXPECT_EQ(fake_.request_.top(), 5);
  }
  EXPECT_EQ(result.out,
            "what-if plans/ae/versions/2 in 2026-10\n"
            "compared with: periods/2026-10/runs/3\n"
            "sellers compared: 2, affected: 1\n"
            "\ntotals (own earnings)\n"
            "CURRENCY  ACTUAL   SANDBOX  DELTA\n"
            "USD       1570.00  1850.00  280.00\n"
            "\ncomponents\n"
            "COMPONENT   CURRENCY  ACTUAL   SANDBOX  DELTA\n"
            "commission  USD       1320.00  1600.00  280.00\n"
            "\ntop gainers\n"
            "SELLER  CURRENCY  ACTUAL  SANDBOX  DELTA\n"
            "rep-1   USD       910.00  1190.00  280.00\n"
            "\ntop losers\n"
            "SELLER  CURRENCY  ACTUAL  SANDBOX  DELTA\n");
}

TEST_F(WhatIfCommandTest, CsvHasOneRowPerTotalComponentAndSeller) {
  const Result result = Run({"--output", "csv", "whatif", "--period", "2026-10", "--plan-version",
                             "plans/ae/versions/2"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out,
            "section,id,currency,actual,sandbox,delta\n"
            "total,,USD,1570.00,1850.00,280.00\n"
            "component,commission,USD,1320.00,1600.00,280.00\n"
            "gainer,rep-1,USD,910.00,1190.00,280.00\n");
  absl::MutexLock lock(&fake_.mu_);
  EXPECT_EQ(fake_.request_.top(), 0);  // the service's default
}

TEST_F(WhatIfCommandTest, JsonIsTheResultMessage) {
  const Result result = Run({"--format", "json", "whatif", "--period", "2026-10", "--plan-version",
                             "plans/ae/versions/2"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("\"actual_run\": \"periods/2026-10/runs/3\""), std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("\"sellers_affected\": 1"), std::string::npos) << result.out;
}

TEST_F(WhatIfCommandTest, PeriodAndPlanVersionAreRequired) {
  EXPECT_NE(Run({"whatif", "--period", "2026-10"}).exit_code, 0);
  EXPECT_NE(Run({"whatif", "--plan-version", "plans/ae/versions/2"}).exit_code, 0);
}

}  // namespace
}  // namespace attain::ctl
