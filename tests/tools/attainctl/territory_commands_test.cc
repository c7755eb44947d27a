// territories import / sellers import / sellers set against an in-process fake
// TerritoryService on a free port.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/synchronization/mutex.h"
#include "attain/planning/v1/territories.grpc.pb.h"
#include "common/errors/errors.h"
#include "tests/tools/attainctl/command_harness.h"

namespace attain::ctl {
namespace {

namespace v1 = planning::v1;
using testing::ElementsAre;
using testing::HasSubstr;

// Records what it receives; refuses the territory named `refuse_` like the server would.
class FakeTerritories final : public v1::TerritoryService::Service {
 public:
  grpc::Status CreateTerritory(grpc::ServerContext*, const v1::CreateTerritoryRequest* request,
                               v1::Territory* response) override {
    absl::MutexLock lock(&mu_);
    if (request->territory().territory_id() == refuse_) {
      return errors::ToGrpcStatus(errors::InvalidFields(
          {{"territory.versions[1].parent_id", "unknown parent 'nowhere'"}}));
    }
    created_.push_back(request->territory().territory_id());
    request_ids_.push_back(request->request_id());
    *response = request->territory();
    response->set_name("territories/" + request->territory().territory_id());
    return grpc::Status::OK;
  }

  grpc::Status SetSellerAssignments(grpc::ServerContext*,
                                    const v1::SetSellerAssignmentsRequest* request,
                                    v1::SetSellerAssignmentsResponse* response) override {
    absl::MutexLock lock(&mu_);
    sets_.push_back(*request);
    *response->mutable_assignments() = request->assignments();
    return grpc::Status::OK;
  }

  absl::Mutex mu_;
  std::string refuse_ ABSL_GUARDED_BY(mu_);
  std::vector<std::string> created_ ABSL_GUARDED_BY(mu_);
  std::vector<std::string> request_ids_ ABSL_GUARDED_BY(mu_);
  std::vector<v1::SetSellerAssignmentsRequest> sets_ ABSL_GUARDED_BY(mu_);
};

using TerritoryCommandsTest = FakeServerTest<FakeTerritories>;

constexpr char kTree[] =
    "territory_id,display_name,level,type,parent_id,effective_from,effective_to,rules_json\n"
    "east,East,DISTRICT,GEOGRAPHIC,na,2025-01-01,2025-12-31,\n"  // line 2
    "world,World,WORLD,GEOGRAPHIC,,2025-01-01,,\n"               // line 3
    "na,NA,REGION,GEOGRAPHIC,world,2025-01-01,,\n"               // line 4
    "east,East,DISTRICT,GEOGRAPHIC,nowhere,2026-01-01,,\n";      // line 5

TEST_F(TerritoryCommandsTest, ImportCreatesParentsFirstWithOneRequestIdPerTerritory) {
  const Result result = Run({"territories", "import", WriteCsv(kTree), "--request-id", "demo"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "CREATED\n3\n");
  absl::MutexLock lock(&fake_.mu_);
  EXPECT_THAT(fake_.created_, ElementsAre("world", "na", "east"));
  EXPECT_THAT(fake_.request_ids_, ElementsAre("demo:world", "demo:na", "demo:east"));
}

TEST_F(TerritoryCommandsTest, ImportStopsAtARefusalAndNamesTheCsvRowOfTheVersion) {
  {
    absl::MutexLock lock(&fake_.mu_);
    fake_.refuse_ = "east";
  }
  const Result result = Run({"territories", "import", WriteCsv(kTree)});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.err, HasSubstr("created 2 of 3 territories before the failure"));
  EXPECT_THAT(result.err, HasSubstr("error: INVALID_ARGUMENT: line 2 (territory east): "));
  EXPECT_THAT(result.err, HasSubstr("  rows[5].parent_id: unknown parent 'nowhere'"));
}

TEST_F(TerritoryCommandsTest, SellersImportSetsEachTerritoryOnce) {
  const Result result = Run({"territories", "sellers", "import",
                             WriteCsv("territory_id,seller_id,role,split_percent,start_date,end_date\n"
                                      "t1,rep-1,PRIMARY,60,2026-01-01,\n"
                                      "t2,rep-2,PRIMARY,100,2026-01-01,\n"
                                      "t1,rep-3,PRIMARY,40,2026-01-01,\n")});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "TERRITORIES  ASSIGNMENTS\n2            3\n");
  absl::MutexLock lock(&fake_.mu_);
  ASSERT_EQ(fake_.sets_.size(), 2u);
  EXPECT_EQ(fake_.sets_[0].territory_id(), "t1");
  ASSERT_EQ(fake_.sets_[0].assignments_size(), 2);
  EXPECT_EQ(fake_.sets_[0].assignments(1).seller_id(), "rep-3");
  EXPECT_EQ(fake_.sets_[1].territory_id(), "t2");
}

TEST_F(TerritoryCommandsTest, SellersSetTurnsSpecsIntoAssignmentsOverThePeriod) {
  const Result result = Run({"territories", "sellers", "set", "t1", "--seller", "rep-1:60",
                             "--seller", "rep-2:40:primary", "--seller", "rep-9:100:overlay",
                             "--from", "2026-01-01", "--to", "2026-12-31", "-o", "csv"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out,
            "territory_id,seller_id,role,split_percent,start_date,end_date\n"
            "t1,rep-1,PRIMARY,60,2026-01-01,2026-12-31\n"
            "t1,rep-2,PRIMARY,40,2026-01-01,2026-12-31\n"
            "t1,rep-9,OVERLAY,100,2026-01-01,2026-12-31\n");

  const Result bad = Run({"territories", "sellers", "set", "t1", "--seller", "rep-1", "--from",
                          "2026-01-01"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_THAT(bad.err, HasSubstr("expected SELLER:PERCENT"));
}

}  // namespace
}  // namespace attain::ctl
