// attainctl mbo import | list against an in-process fake MboService: what is sent in which
// requests, errors named by CSV row, and what is printed.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/synchronization/mutex.h"
#include "attain/compensation/v1/mbo.grpc.pb.h"
#include "common/errors/errors.h"
#include "tests/tools/attainctl/command_harness.h"

namespace attain::ctl {
namespace {

namespace v1 = compensation::v1;
using testing::ElementsAre;

// Records every SetMboScores request; answers each with every score created, except request
// number `fail_request_` (1-based), which gets `error_`.
class FakeMbo final : public v1::MboService::Service {
 public:
  grpc::Status SetMboScores(grpc::ServerContext*, const v1::SetMboScoresRequest* request,
                            v1::SetMboScoresResponse* response) override {
    absl::MutexLock lock(&mu_);
    sets_.push_back(*request);
    if (static_cast<int>(sets_.size()) == fail_request_) return errors::ToGrpcStatus(error_);
    response->set_created_count(request->scores_size());
    return grpc::Status::OK;
  }
  grpc::Status ListMboScores(grpc::ServerContext*, const v1::ListMboScoresRequest* request,
                             v1::ListMboScoresResponse* response) override {
    absl::MutexLock lock(&mu_);
    list_ = *request;
    v1::MboScore* score = response->add_scores();
    score->set_seller_id("rep-1");
    score->set_component_id("objectives");
    score->set_score("8");
    score->set_version(2);
    score->set_author("mgr-1");
    score->mutable_update_time()->set_seconds(2117404800);  // 2037-02-05T00:00:00Z
    score->set_comment("after QBR");
    v1::MboScoreChange* first = score->add_history();
    first->set_version(1);
    first->set_score("7.5");
    first->set_author("comp-1");
    first->mutable_change_time()->set_seconds(2117318400);  // 2037-02-04T00:00:00Z
    *score->add_history() = v1::MboScoreChange();
    score->mutable_history(1)->set_version(2);
    score->mutable_history(1)->set_score("8");
    score->mutable_history(1)->set_author("mgr-1");
    score->mutable_history(1)->mutable_change_time()->set_seconds(2117404800);
    score->mutable_history(1)->set_comment("after QBR");
    return grpc::Status::OK;
  }

  absl::Mutex mu_;
  std::vector<v1::SetMboScoresRequest> sets_;
  v1::ListMboScoresRequest list_;
  int fail_request_ = 0;
  absl::Status error_;
};

using MboCommandTest = FakeServerTest<FakeMbo>;

// Columns in another order than the documented one; line 3's comment spans two lines, so the
// row after it starts on line 5.
constexpr char kFile[] =
    "seller_id,period,score,component_id,comment\n"
    "rep-1,2037-01,7.5,objectives,\n"
    "rep-2,2037-01,10,objectives,\"Exceeded, clearly\n(see QBR)\"\n"
    "rep-3,2037-01,4,objectives,\n"
    "rep-4,2037-01,11,objectives,\n"
    "rep-5,2037-01,0,objectives,\n";

TEST_F(MboCommandTest, ImportSendsTheRowsInRequestsOfTheBatchSizeEachWithItsOwnRequestId) {
  const Result result = Run({"mbo", "import", WriteCsv(kFile), "--batch", "2", "--request-id", "jan"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out,
            "ROWS  CREATED  UPDATED  UNCHANGED\n"
            "5     5        0        0\n");
  absl::MutexLock lock(&fake_.mu_);
  ASSERT_EQ(fake_.sets_.size(), 3u);
  std::vector<std::string> ids, sizes;
  for (const v1::SetMboScoresRequest& set : fake_.sets_) {
    ids.push_back(set.request_id());
    sizes.push_back(std::to_string(set.scores_size()));
  }
  EXPECT_THAT(ids, ElementsAre("jan-1", "jan-2", "jan-3"));
  EXPECT_THAT(sizes, ElementsAre("2", "2", "1"));
  const v1::MboScore& second = fake_.sets_[0].scores(1);
  EXPECT_EQ(second.period(), "2037-01");
  EXPECT_EQ(second.seller_id(), "rep-2");
  EXPECT_EQ(second.component_id(), "objectives");
  EXPECT_EQ(second.score(), "10");
  EXPECT_EQ(second.comment(), "Exceeded, clearly\n(see QBR)");
  EXPECT_EQ(fake_.sets_[2].scores(0).seller_id(), "rep-5");
}

TEST_F(MboCommandTest, TheServersScoreErrorsAreNamedByCsvRow) {
  fake_.fail_request_ = 1;
  fake_.error_ = errors::InvalidFields({{"scores[3].score", "must be at most 10"},
                                        {"scores[2].seller_id", "sellers/rep-3 does not exist"}});
  const Result result = Run({"mbo", "import", WriteCsv(kFile)});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.err,
            "error: INVALID_ARGUMENT: rows[6].score: must be at most 10 (and 1 more)\n"
            "  rows[6].score: must be at most 10\n"
            "  rows[5].seller_id: sellers/rep-3 does not exist\n");
  EXPECT_EQ(result.out, "");
}

TEST_F(MboCommandTest, ARefusedLaterRequestSaysWhichRowsWereWritten) {
  fake_.fail_request_ = 2;
  fake_.error_ = errors::InvalidFields({{"scores[1].score", "must be at most 10"}});
  const Result result = Run({"mbo", "import", WriteCsv(kFile), "--batch", "2"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.err,
            "error: INVALID_ARGUMENT: rows 5-6 were refused and not written (rows 2-3 were "
            "written, the rest were not sent): rows[6].score: must be at most 10\n"
            "  rows[6].score: must be at most 10\n");
  absl::MutexLock lock(&fake_.mu_);
  EXPECT_EQ(fake_.sets_.size(), 2u);
}

TEST_F(MboCommandTest, AFileTheClientCannotReadSendsNothing) {
  const std::string short_row = WriteCsv(
      "period,seller_id,component_id,score\n"
      "2037-01,rep-1,objectives,5\n"
      "2037-01,rep-2,objectives\n");
  Result result = Run({"mbo", "import", short_row});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.err,
            "error: INVALID_ARGUMENT: " + short_row +
                ": 1 rows cannot be read; nothing was sent\n"
                "  rows[3]: has 3 fields but the header has 4\n");

  const std::string no_header = WriteCsv("2037-01,rep-1,objectives,5\n");
  result = Run({"mbo", "import", no_header});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.err, "error: INVALID_ARGUMENT: " + no_header +
                            ": line 1: unknown column \"2037-01\" (the columns are "
                            "period,seller_id,component_id,score,comment; comment is optional)\n");
  absl::MutexLock lock(&fake_.mu_);
  EXPECT_TRUE(fake_.sets_.empty());
}

TEST_F(MboCommandTest, ListShowsScoresOrEveryVersionWithHistory) {
  Result result = Run({"mbo", "list", "--period", "2037-01", "--seller", "rep-1"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out,
            "SELLER  COMPONENT   SCORE  VERSION  AUTHOR  UPDATED               COMMENT\n"
            "rep-1   objectives  8      2        mgr-1   2037-02-05T00:00:00Z  after QBR\n");
  {
    absl::MutexLock lock(&fake_.mu_);
    EXPECT_EQ(fake_.list_.period(), "2037-01");
    EXPECT_EQ(fake_.list_.seller_id(), "rep-1");
    EXPECT_FALSE(fake_.list_.include_history());
  }
  result = Run({"mbo", "list", "--period", "2037-01", "--history"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out,
            "SELLER  COMPONENT   VERSION  SCORE  AUTHOR  TIME                  COMMENT\n"
            "rep-1   objectives  1        7.5    comp-1  2037-02-04T00:00:00Z\n"
            "rep-1   objectives  2        8      mgr-1   2037-02-05T00:00:00Z  after QBR\n");
  absl::MutexLock lock(&fake_.mu_);
  EXPECT_TRUE(fake_.list_.include_history());
}

}  // namespace
}  // namespace attain::ctl
