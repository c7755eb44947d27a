// Incremental runs through the gateway, with real PostgreSQL and Redis (months of 2040): a run
// asked to be incremental starts from the period's last run kept by the service, and
// publishes exactly what a full run of the same data publishes. A seeded random sequence of
// changes — new deals, changed deals, deals moved out of the month, linked cancellations of
// a locked month's deals (clawbacks), late changes into the locked month (true-ups), payout
// adjustments, planning changes — each followed by an incremental run; at random checkpoints
// and at the end a full run must give the same results digest and the same statement bytes.
#include <map>
#include <algorithm>
#include <random>

#include "absl/strings/str_cat.h"
#include "tests/integration/calculation_fixture.h"

namespace attain::itest {
namespace {

class IncrementalRunsTest : public CalculationFixture {
 protected:
  v1::CalculationRun RunIncremental(const std::string& period) {
    v1::StartCalculationRunRequest request;
    request.set_period(period);
    request.set_request_id(UniqueId("inc"));
    request.set_incremental(true);
    v1::CalculationRun started;
    EXPECT_TRUE(HasCode(calc_->StartCalculationRun(MakeContext(admin_).get(), request, &started),
                        grpc::StatusCode::OK));
    return AwaitEnd(started.name());
  }

  // The published statements of the period without their run name, by seller.
  std::map<std::string, std::string> Statements(const std::string& period) {
    std::map<std::string, std::string> out;
    for (const std::string& seller : {rep_, mgr_, outsider_}) {
      v1::Statement statement = StatementOf(seller, period);
      statement.clear_run();
      out[seller] = statement.SerializeAsString();
    }
    return out;
  }
};

TEST_F(IncrementalRunsTest, IncrementalRunsPublishWhatFullRunsPublishOverRandomChangeSequences) {
  // May and June on the plan (90-day clawback window) for the rep, the manager and the
  // outsider; May paid and locked.
  CreatePlan("2040-05", /*clawback_window_days=*/90);
  ASSERT_FALSE(HasFatalFailure());
  AssignMonth("2040-06");
  ASSERT_FALSE(HasFatalFailure());
  AssignMonths(outsider_, {"2040-05", "2040-06"});
  ASSERT_FALSE(HasFatalFailure());
  ASSERT_TRUE(HasCode(Import({{"M-0", "2040-05-03", "2500"}, {"M-1", "2040-05-04", "9000"},
                              {"J-0", "2040-06-02", "3000"}}),
                      grpc::StatusCode::OK));
  ASSERT_EQ(RunToEnd("2040-05").state(), v1::CALCULATION_RUN_STATE_SUCCEEDED);
  Lock("2040-05");
  ASSERT_FALSE(HasFatalFailure());
  v1::CalculationRun full = RunToEnd("2040-06");
  ASSERT_EQ(full.state(), v1::CALCULATION_RUN_STATE_SUCCEEDED);
  EXPECT_FALSE(full.incremental());
  EXPECT_EQ(full.recalculated_count(), 3);

  std::mt19937 random(20400601);
  // Every kind of change twice, in a random order; then the amounts and choices at random.
  std::vector<int> kinds;
  for (int kind = 0; kind < 7; ++kind) kinds.insert(kinds.end(), {kind, kind});
  std::shuffle(kinds.begin(), kinds.end(), random);
  std::vector<std::string> june_deals = {"J-0"};
  bool m0_cancelled = false;
  int incremental_runs = 0, compared = 0;
  // A full run of the same data publishes what the last incremental run published.
  const auto compare_with_full = [&](const v1::CalculationRun& incremental) {
    const std::map<std::string, std::string> published = Statements("2040-06");
    const v1::CalculationRun checked = RunToEnd("2040-06");
    ASSERT_EQ(checked.state(), v1::CALCULATION_RUN_STATE_SUCCEEDED);
    EXPECT_FALSE(checked.incremental());
    EXPECT_EQ(checked.results_digest(), incremental.results_digest());
    EXPECT_EQ(checked.transaction_count(), incremental.transaction_count());
    EXPECT_EQ((std::map<std::string, std::string>(checked.total_payable().begin(),
                                                  checked.total_payable().end())),
              (std::map<std::string, std::string>(incremental.total_payable().begin(),
                                                  incremental.total_payable().end())));
    const std::map<std::string, std::string> republished = Statements("2040-06");
    for (const auto& [seller, bytes] : published) {
      EXPECT_TRUE(republished.at(seller) == bytes) << seller << " differs from the full run's";
    }
    ++compared;
  };
  v1::CalculationRun last;
  for (int step = 0; step < static_cast<int>(kinds.size()); ++step) {
    SCOPED_TRACE(absl::StrCat("step ", step));
    const std::string id = absl::StrCat("S-", step);
    const std::string amount = absl::StrCat(400 + random() % 9000);
    const std::string june_day = absl::StrCat("2040-06-", 10 + step);
    // What the incremental run must do: start from the kept run, or calculate in full
    // naming this reason; and how many statements it recalculates (-1: not checked).
    std::string full_reason;
    int recalculated = -1;
    switch (kinds[step]) {
      case 0:  // a new June deal of the rep: the rep and the manager change, the outsider not
        ASSERT_TRUE(HasCode(Import({{id, june_day, amount}}), grpc::StatusCode::OK));
        june_deals.push_back(id);
        recalculated = 2;
        break;
      case 1: {  // a June deal changed: a new version replaces the one counted
        const std::string& deal = june_deals[random() % june_deals.size()];
        ASSERT_TRUE(HasCode(Import({{deal, june_day, amount}}), grpc::StatusCode::OK));
        recalculated = 2;
        break;
      }
      case 2: {  // a June deal moved to July: it leaves June's measures
        if (june_deals.size() < 2) continue;
        const std::string deal = june_deals.back();
        june_deals.pop_back();
        ASSERT_TRUE(HasCode(Import({{deal, "2040-07-01", amount}}), grpc::StatusCode::OK));
        recalculated = 2;
        break;
      }
      case 3:  // May's deal cancelled in June, linked: a clawback at May's paid rate
        ASSERT_TRUE(HasCode(Import({{id, june_day, absl::StrCat("-", 100 + random() % 2000),
                                     v1::TRANSACTION_TYPE_CANCELLATION, "USD", "M-0"}}),
                            grpc::StatusCode::OK));
        m0_cancelled = true;
        recalculated = 2;
        break;
      case 4:  // a late change to a locked May deal: June trues it up
        if (m0_cancelled) {
          ASSERT_TRUE(HasCode(Import({{"M-0", "2040-05-03", amount}}), grpc::StatusCode::OK));
          full_reason = "a changed transaction is the deal of a linked reversal";
        } else {
          ASSERT_TRUE(HasCode(Import({{"M-1", "2040-05-04", amount}}), grpc::StatusCode::OK));
        }
        break;
      case 5:  // a payout adjustment of the outsider alone
        ASSERT_TRUE(HasCode(AdjustPayout(outsider_, "2040-06", amount, "incremental test"),
                            grpc::StatusCode::OK));
        recalculated = 1;
        break;
      default: {  // planning changed: a new seller
        Seller newcomer = NewSeller(UniqueId("inc-new"));
        auto org = Org();
        ASSERT_TRUE(HasCode(CreateSeller(*org, admin_, newcomer), grpc::StatusCode::OK));
        full_reason = "planning data or FX rates changed since the kept run";
        break;
      }
    }
    const v1::CalculationRun incremental = RunIncremental("2040-06");
    ASSERT_EQ(incremental.state(), v1::CALCULATION_RUN_STATE_SUCCEEDED) << incremental.error_message();
    EXPECT_TRUE(incremental.incremental_requested());
    EXPECT_EQ(incremental.incremental(), full_reason.empty()) << incremental.full_reason();
    EXPECT_EQ(incremental.full_reason(), full_reason);
    EXPECT_EQ(incremental.statement_count(), 3);
    if (incremental.incremental()) {
      ++incremental_runs;
      if (recalculated >= 0) EXPECT_EQ(incremental.recalculated_count(), recalculated);
    } else {
      EXPECT_EQ(incremental.recalculated_count(), 3);
    }
    last = incremental;
    if (random() % 3 == 0) {
      compare_with_full(incremental);
      ASSERT_FALSE(HasFatalFailure());
    }
  }
  compare_with_full(last);
  EXPECT_GE(incremental_runs, 6);
  EXPECT_GE(compared, 3);
}

TEST_F(IncrementalRunsTest, AnIncrementalRunShowsTheLateDealAndCarriesTheUntouchedStatements) {
  CreatePlan("2040-09");
  ASSERT_FALSE(HasFatalFailure());
  ASSERT_TRUE(HasCode(Import({{"A-0", "2040-09-02", "4000"}}), grpc::StatusCode::OK));
  // The period's first run has nothing to start from.
  const v1::CalculationRun first = RunIncremental("2040-09");
  ASSERT_EQ(first.state(), v1::CALCULATION_RUN_STATE_SUCCEEDED);
  EXPECT_FALSE(first.incremental());
  EXPECT_EQ(first.full_reason(), "no earlier run of the period is kept by the process that ran this one");
  // 4 000 x 5 % + the 250 SPIF; the manager 5 % of the rolled-up 4 000.
  EXPECT_EQ(StatementOf(rep_, "2040-09").total(), "450.00");
  EXPECT_EQ(StatementOf(mgr_, "2040-09").total(), "200.00");

  // A late 8 000 deal: the rep reaches 12 000 (10 000 x 5 % + 2 000 x 8 % = 660, + 2 SPIFs
  // = 1 160); the manager 660.
  ASSERT_TRUE(HasCode(Import({{"A-1", "2040-09-20", "8000"}}), grpc::StatusCode::OK));
  const v1::CalculationRun run = RunIncremental("2040-09");
  ASSERT_EQ(run.state(), v1::CALCULATION_RUN_STATE_SUCCEEDED) << run.error_message();
  EXPECT_TRUE(run.incremental()) << run.full_reason();
  EXPECT_EQ(run.recalculated_count(), 2);
  EXPECT_EQ(run.statement_count(), 2);
  EXPECT_EQ(StatementOf(rep_, "2040-09").total(), "1160.00");
  EXPECT_EQ(StatementOf(mgr_, "2040-09").total(), "660.00");
  EXPECT_EQ(StatementOf(rep_, "2040-09").run(), run.name());

  // Nothing changed: the next incremental run carries both statements under its own name.
  const v1::CalculationRun quiet = RunIncremental("2040-09");
  ASSERT_EQ(quiet.state(), v1::CALCULATION_RUN_STATE_SUCCEEDED);
  EXPECT_TRUE(quiet.incremental());
  EXPECT_EQ(quiet.recalculated_count(), 0);
  EXPECT_EQ(quiet.results_digest(), run.results_digest());
  EXPECT_EQ(StatementOf(mgr_, "2040-09").run(), quiet.name());
  EXPECT_EQ(StatementOf(mgr_, "2040-09").total(), "660.00");
}

TEST_F(IncrementalRunsTest, AChangeToADealALinkedReversalNamesCalculatesTheWholePeriod) {
  CreatePlan("2040-02", /*clawback_window_days=*/90);
  ASSERT_FALSE(HasFatalFailure());
  AssignMonth("2040-03");
  ASSERT_FALSE(HasFatalFailure());
  ASSERT_TRUE(HasCode(Import({{"D-0", "2040-02-05", "4000"}}), grpc::StatusCode::OK));
  ASSERT_EQ(RunToEnd("2040-02").state(), v1::CALCULATION_RUN_STATE_SUCCEEDED);
  Lock("2040-02");
  ASSERT_FALSE(HasFatalFailure());
  // November cancels October's deal, linked: a clawback of 4 000 x 5 % = -200.
  ASSERT_TRUE(HasCode(Import({{"X-0", "2040-03-03", "-4000", v1::TRANSACTION_TYPE_CANCELLATION,
                               "USD", "D-0"}}),
                      grpc::StatusCode::OK));
  ASSERT_EQ(RunToEnd("2040-03").state(), v1::CALCULATION_RUN_STATE_SUCCEEDED);
  EXPECT_EQ(StatementOf(rep_, "2040-03").balance().closing(), "200.00");

  // The deal moved into November: the cancellation now nets in November's measure instead of
  // being clawed back. Whether a reversal is settled depends on its deal, so the run
  // calculates everything.
  ASSERT_TRUE(HasCode(Import({{"D-0", "2040-03-01", "4000"}}), grpc::StatusCode::OK));
  const v1::CalculationRun run = RunIncremental("2040-03");
  ASSERT_EQ(run.state(), v1::CALCULATION_RUN_STATE_SUCCEEDED) << run.error_message();
  EXPECT_FALSE(run.incremental());
  EXPECT_EQ(run.full_reason(), "a changed transaction is the deal of a linked reversal");
  const std::string digest = run.results_digest();
  const v1::CalculationRun full = RunToEnd("2040-03");
  EXPECT_EQ(full.results_digest(), digest);
}

}  // namespace
}  // namespace attain::itest
