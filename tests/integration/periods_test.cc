// The period lifecycle through the gateway: a published run makes a period CALCULATED;
// approve, reopen and lock move it; an APPROVED or LOCKED period takes no run and no
// adjustment, and a LOCKED period's statements never change. Months of 2036.
#include <gtest/gtest.h>

#include <cstdio>
#include <map>
#include <random>

#include "absl/strings/str_cat.h"
#include "common/money/decimal.h"
#include "tests/integration/calculation_fixture.h"
#include "tests/integration/territory_helpers.h"

namespace attain::itest {
namespace {

class PeriodsTest : public CalculationFixture {
 protected:
  grpc::Status Adjust(const std::string& period, const std::string& amount) {
    return AdjustPayout(rep_, period, amount, "period test");
  }

  // Runs `sql` as the database superuser, as an operator with psql would; the exit status
  // and what psql printed (stdout and stderr).
  std::pair<int, std::string> Psql(const std::string& sql) {
    const std::string command = absl::StrCat(kPostgresBinDir, "/psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p ",
                                             stack().postgres_port(), " -U postgres -d attain -c \"", sql,
                                             "\" 2>&1");
    FILE* pipe = popen(command.c_str(), "r");
    std::string output;
    char buffer[512];
    while (pipe != nullptr && fgets(buffer, sizeof(buffer), pipe) != nullptr) output += buffer;
    const int status = pipe != nullptr ? pclose(pipe) : -1;
    return {status, output};
  }
};

TEST_F(PeriodsTest, ApproveReopenLockAndALockedPeriodNeverChanges) {
  const std::string period = "2036-01";
  CreatePlan(period);
  ASSERT_FALSE(HasFatalFailure());

  // Nothing published yet: OPEN, and nothing to approve.
  v1::Period open = Get(period);
  EXPECT_EQ(open.status(), v1::PERIOD_STATUS_OPEN);
  EXPECT_EQ(open.published_run(), "");
  v1::Period moved;
  EXPECT_TRUE(HasCode(Move(period, v1::PERIOD_STATUS_APPROVED, &moved),
                      grpc::StatusCode::FAILED_PRECONDITION));

  ASSERT_TRUE(HasCode(Import({{"P-1", "2036-01-10", "12000"}}), grpc::StatusCode::OK));
  const v1::CalculationRun first = RunToEnd(period);
  ASSERT_EQ(first.state(), v1::CALCULATION_RUN_STATE_SUCCEEDED);
  v1::Period calculated = Get(period);
  EXPECT_EQ(calculated.status(), v1::PERIOD_STATUS_CALCULATED);
  EXPECT_EQ(calculated.published_run(), first.name());
  // Rep 660 + 250 (graduated commission and one SPIF deal), manager 660 on roll-up.
  EXPECT_EQ(calculated.total_payable().at("USD"), "1570.00");
  ASSERT_EQ(calculated.history_size(), 1);
  EXPECT_EQ(calculated.history(0).from_status(), v1::PERIOD_STATUS_OPEN);
  EXPECT_EQ(calculated.history(0).to_status(), v1::PERIOD_STATUS_CALCULATED);
  EXPECT_EQ(calculated.history(0).run(), first.name());

  // Lock needs an approval first; a rep may not move periods.
  EXPECT_TRUE(HasCode(Move(period, v1::PERIOD_STATUS_LOCKED, &moved),
                      grpc::StatusCode::FAILED_PRECONDITION));
  EXPECT_TRUE(HasCode(Move(period, v1::PERIOD_STATUS_APPROVED, &moved, "", "", Token(rep_, {"rep"})),
                      grpc::StatusCode::PERMISSION_DENIED));

  // Approve, twice with one request_id: one move.
  const std::string approve_id = UniqueId("approve");
  ASSERT_TRUE(HasCode(Move(period, v1::PERIOD_STATUS_APPROVED, &moved, "", approve_id), grpc::StatusCode::OK));
  EXPECT_EQ(moved.status(), v1::PERIOD_STATUS_APPROVED);
  v1::Period again;
  ASSERT_TRUE(HasCode(Move(period, v1::PERIOD_STATUS_APPROVED, &again, "", approve_id), grpc::StatusCode::OK));
  EXPECT_EQ(again.status(), v1::PERIOD_STATUS_APPROVED);
  EXPECT_EQ(Get(period).history_size(), 2);

  // Approved: no run, no adjustment (nothing written).
  v1::CalculationRun refused;
  grpc::Status start = Start(period, &refused);
  EXPECT_TRUE(HasCode(start, grpc::StatusCode::FAILED_PRECONDITION));
  EXPECT_NE(start.error_message().find("APPROVED"), std::string::npos) << start.error_message();
  EXPECT_TRUE(HasCode(Adjust(period, "5"), grpc::StatusCode::FAILED_PRECONDITION));
  v1::ListAdjustmentsRequest list;
  list.set_period(period);
  v1::ListAdjustmentsResponse adjustments;
  ASSERT_TRUE(HasCode(statements_->ListAdjustments(MakeContext(admin_).get(), list, &adjustments),
                      grpc::StatusCode::OK));
  EXPECT_EQ(adjustments.adjustments_size(), 0);

  // Reopen needs a reason; then the period runs again, is approved and locked.
  EXPECT_TRUE(HasCode(Move(period, v1::PERIOD_STATUS_CALCULATED, &moved), grpc::StatusCode::INVALID_ARGUMENT));
  ASSERT_TRUE(HasCode(Move(period, v1::PERIOD_STATUS_CALCULATED, &moved, "late correction"),
                      grpc::StatusCode::OK));
  ASSERT_TRUE(HasCode(Adjust(period, "-10"), grpc::StatusCode::OK));
  const v1::CalculationRun second = RunToEnd(period);
  ASSERT_EQ(second.state(), v1::CALCULATION_RUN_STATE_SUCCEEDED);
  ASSERT_TRUE(HasCode(Move(period, v1::PERIOD_STATUS_APPROVED, &moved), grpc::StatusCode::OK));
  ASSERT_TRUE(HasCode(Move(period, v1::PERIOD_STATUS_LOCKED, &moved, "paid 2036-02-05"), grpc::StatusCode::OK));
  EXPECT_EQ(moved.status(), v1::PERIOD_STATUS_LOCKED);
  EXPECT_EQ(moved.published_run(), second.name());
  EXPECT_EQ(moved.total_payable().at("USD"), "1560.00");

  // Locked: final. No move, no run, no adjustment; the statement stays.
  for (v1::PeriodStatus target : {v1::PERIOD_STATUS_CALCULATED, v1::PERIOD_STATUS_APPROVED}) {
    EXPECT_TRUE(HasCode(Move(period, target, &moved, "try"), grpc::StatusCode::FAILED_PRECONDITION));
  }
  EXPECT_TRUE(HasCode(Start(period, &refused), grpc::StatusCode::FAILED_PRECONDITION));
  EXPECT_TRUE(HasCode(Adjust(period, "1"), grpc::StatusCode::FAILED_PRECONDITION));
  ASSERT_TRUE(HasCode(Import({{"P-2", "2036-01-20", "5000"}}), grpc::StatusCode::OK));
  v1::Statement statement;
  ASSERT_TRUE(HasCode(GetStatement(rep_, period, &statement), grpc::StatusCode::OK));
  EXPECT_EQ(statement.total(), "900.00");  // 910 - 10
  EXPECT_EQ(statement.run(), second.name());

  // Even the database refuses: no change to a locked period, its statements or its run.
  for (const std::string& sql :
       {absl::StrCat("UPDATE compensation.calc_periods SET status = 'CALCULATED' WHERE period = '", period, "'"),
        absl::StrCat("DELETE FROM compensation.calc_periods WHERE period = '", period, "'"),
        absl::StrCat("UPDATE compensation.statements SET total = 0 WHERE seller_id = '", rep_,
                     "' AND run_id = (SELECT published_run_id FROM compensation.calc_periods WHERE period = '",
                     period, "')"),
        absl::StrCat("INSERT INTO compensation.statements (run_id, seller_id, plan_id, currency, total, body) "
                     "SELECT published_run_id, 'intruder', 'p', 'USD', 1, ''::bytea "
                     "FROM compensation.calc_periods WHERE period = '",
                     period, "'"),
        absl::StrCat("UPDATE compensation.calc_runs SET import_watermark = 0 WHERE run_id = "
                     "(SELECT published_run_id FROM compensation.calc_periods WHERE period = '",
                     period, "')")}) {
    auto [exit_status, output] = Psql(sql);
    EXPECT_NE(exit_status, 0) << sql << "\n" << output;
    EXPECT_NE(output.find("locked"), std::string::npos) << sql << "\n" << output;
  }
  auto [select_status, selected] = Psql(absl::StrCat(
      "SELECT status FROM compensation.calc_periods WHERE period = '", period, "'"));
  EXPECT_EQ(select_status, 0) << selected;
  EXPECT_NE(selected.find("LOCKED"), std::string::npos) << selected;

  const v1::Period locked = Get(period);
  ASSERT_EQ(locked.history_size(), 6);  // published, approved, reopened, published, approved, locked
  EXPECT_EQ(locked.history(2).reason(), "late correction");
  EXPECT_EQ(locked.history(2).to_status(), v1::PERIOD_STATUS_CALCULATED);
  EXPECT_EQ(locked.history(5).to_status(), v1::PERIOD_STATUS_LOCKED);
  EXPECT_EQ(locked.history(5).actor(), "it-admin");
  EXPECT_EQ(locked.history(5).run(), second.name());

  v1::ListPeriodsRequest list_periods;
  list_periods.set_page_size(1000);
  v1::ListPeriodsResponse listed;
  ASSERT_TRUE(HasCode(periods_->ListPeriods(MakeContext(admin_).get(), list_periods, &listed),
                      grpc::StatusCode::OK));
  bool found = false;
  for (const v1::Period& p : listed.periods()) {
    if (p.period() != period) continue;
    found = true;
    EXPECT_EQ(p.status(), v1::PERIOD_STATUS_LOCKED);
    EXPECT_EQ(p.history_size(), 0);
  }
  EXPECT_TRUE(found);
}

TEST_F(PeriodsTest, ALateDealIntoALockedMonthIsTruedUpOnceInTheNextOpenMonth) {
  // The plan (harness/plan_requests.h): 5 % up to 10 000, 8 % above; 250 per order of at
  // least 1 000 dated in February (the SPIF's month); the manager earns on roll-up credit.
  CreatePlan("2036-02");
  ASSERT_FALSE(HasFatalFailure());
  AssignMonth("2036-03");
  AssignMonth("2036-04");
  ASSERT_FALSE(HasFatalFailure());

  // February: 12 000 -> rep 10 000 x 5 % + 2 000 x 8 % + 250 = 910; manager 660. Paid, locked.
  ASSERT_TRUE(HasCode(Import({{"T-1", "2036-02-10", "12000"}}), grpc::StatusCode::OK));
  ASSERT_EQ(RunToEnd("2036-02").state(), v1::CALCULATION_RUN_STATE_SUCCEEDED);
  EXPECT_EQ(StatementOf(rep_, "2036-02").total(), "910.00");
  Lock("2036-02");
  ASSERT_FALSE(HasFatalFailure());

  // A February deal of 3 000 arrives after the lock. Recomputed February: 15 000 -> 500 +
  // 5 000 x 8 % + 2 x 250 = 1 400 for the rep (true-up 1 400 - 910 = 490), 900 for the
  // manager (900 - 660 = 240). March has no deals of its own.
  ASSERT_TRUE(HasCode(Import({{"T-2", "2036-02-20", "3000"}}), grpc::StatusCode::OK));
  const v1::CalculationRun march = RunToEnd("2036-03");
  ASSERT_EQ(march.state(), v1::CALCULATION_RUN_STATE_SUCCEEDED) << march.DebugString();
  v1::Statement rep_march = StatementOf(rep_, "2036-03");
  EXPECT_EQ(rep_march.total(), "490.00") << rep_march.DebugString();
  const v1::StatementLine* true_up = Line(rep_march, "true-up:2036-02");
  ASSERT_NE(true_up, nullptr) << rep_march.DebugString();
  EXPECT_EQ(true_up->kind(), v1::STATEMENT_LINE_KIND_TRUE_UP);
  EXPECT_EQ(true_up->amount(), "490.00");
  EXPECT_NE(true_up->description().find("true-up of 2036-02"), std::string::npos) << true_up->description();
  EXPECT_NE(true_up->description().find("late or changed transactions: 1 (" + source_ + "/T-2)"),
            std::string::npos)
      << true_up->description();
  EXPECT_EQ(StatementOf(mgr_, "2036-03").total(), "240.00");
  // The locked month itself never changed.
  EXPECT_EQ(StatementOf(rep_, "2036-02").total(), "910.00");

  // Importing the same deal again, and running March again: still one true-up of 490.
  ASSERT_TRUE(HasCode(Import({{"T-2", "2036-02-20", "3000"}}), grpc::StatusCode::OK));
  const v1::CalculationRun again = RunToEnd("2036-03");
  ASSERT_EQ(again.state(), v1::CALCULATION_RUN_STATE_SUCCEEDED);
  EXPECT_EQ(again.results_digest(), march.results_digest());
  rep_march = StatementOf(rep_, "2036-03");
  EXPECT_EQ(rep_march.total(), "490.00");
  EXPECT_EQ(rep_march.lines_size(), 3) << rep_march.DebugString();  // two components, one true-up

  // March is paid and locked; April owes February nothing more...
  Lock("2036-03");
  ASSERT_FALSE(HasFatalFailure());
  ASSERT_EQ(RunToEnd("2036-04").state(), v1::CALCULATION_RUN_STATE_SUCCEEDED);
  v1::Statement rep_april = StatementOf(rep_, "2036-04");
  EXPECT_EQ(rep_april.total(), "0.00");
  EXPECT_EQ(Line(rep_april, "true-up:2036-02"), nullptr) << rep_april.DebugString();

  // ... until the late deal shrinks to 1 000: February recomputed is 500 + 3 000 x 8 % +
  // 2 x 250 = 1 240; 1 240 - 910 - 490 already trued up = -160. April's earnings go
  // negative: it pays 0 and carries 160 as a balance the rep owes.
  ASSERT_TRUE(HasCode(Import({{"T-2", "2036-02-20", "1000"}}), grpc::StatusCode::OK));
  ASSERT_EQ(RunToEnd("2036-04").state(), v1::CALCULATION_RUN_STATE_SUCCEEDED);
  rep_april = StatementOf(rep_, "2036-04");
  const v1::StatementLine* negative = Line(rep_april, "true-up:2036-02");
  ASSERT_NE(negative, nullptr) << rep_april.DebugString();
  EXPECT_EQ(negative->amount(), "-160.00");
  EXPECT_EQ(rep_april.total(), "0.00");
  const v1::StatementLine* carried = Line(rep_april, "carried");
  ASSERT_NE(carried, nullptr) << rep_april.DebugString();
  EXPECT_EQ(carried->amount(), "160.00");
  EXPECT_EQ(rep_april.balance().opening(), "0.00");
  EXPECT_EQ(rep_april.balance().earned(), "-160.00");
  EXPECT_EQ(rep_april.balance().closing(), "160.00");
  // Manager: 12 000 + 1 000 on roll-up -> 500 + 3 000 x 8 % = 740; 740 - 660 - 240 = -160.
  EXPECT_EQ(Line(StatementOf(mgr_, "2036-04"), "true-up:2036-02")->amount(), "-160.00");
}

TEST_F(PeriodsTest, AReportingLineCorrectedIntoALockedMonthMovesRollUpPayByTrueUps) {
  // A second manager, on the plan for June and July like the fixture's sellers.
  const std::string mgr2 = UniqueId("calc-mgr2");
  auto org = Org();
  Seller second = NewSeller(mgr2);
  second.set_title(title_);
  ASSERT_TRUE(HasCode(CreateSeller(*org, admin_, second), grpc::StatusCode::OK));
  CreatePlan("2036-06");
  ASSERT_FALSE(HasFatalFailure());
  AssignMonth("2036-07");
  ASSERT_FALSE(HasFatalFailure());
  AssignMonths(mgr2, {"2036-06", "2036-07"});
  ASSERT_FALSE(HasFatalFailure());

  // June: the rep's 12 000 rolls up to the first manager (660); the second earns nothing.
  ASSERT_TRUE(HasCode(Import({{"R-1", "2036-06-10", "12000"}}), grpc::StatusCode::OK));
  ASSERT_EQ(RunToEnd("2036-06").state(), v1::CALCULATION_RUN_STATE_SUCCEEDED);
  EXPECT_EQ(StatementOf(mgr_, "2036-06").total(), "660.00");
  EXPECT_EQ(StatementOf(mgr2, "2036-06").total(), "0.00");
  Lock("2036-06");
  ASSERT_FALSE(HasFatalFailure());

  // The org is corrected after the lock: the rep has reported to the second manager since
  // June 1st. July pays the move: -660 to the first manager, +660 to the second, nothing to
  // the rep, whose own credit did not change.
  Seller rep;
  ASSERT_TRUE(HasCode(GetSeller(*org, admin_, rep_, &rep), grpc::StatusCode::OK));
  rep.clear_reporting_lines();
  ReportsTo(rep, mgr_, "2024-01-01", "2036-05-31");
  ReportsTo(rep, mgr2, "2036-06-01");
  ASSERT_TRUE(HasCode(UpdateSeller(*org, admin_, rep, {"reporting_lines"}), grpc::StatusCode::OK));

  const v1::CalculationRun july = RunToEnd("2036-07");
  ASSERT_EQ(july.state(), v1::CALCULATION_RUN_STATE_SUCCEEDED) << july.DebugString();
  const v1::Statement first = StatementOf(mgr_, "2036-07");
  const v1::StatementLine* taken = Line(first, "true-up:2036-06");
  ASSERT_NE(taken, nullptr) << first.DebugString();
  EXPECT_EQ(taken->amount(), "-660.00");
  EXPECT_NE(taken->description().find("organization, territory, quota or FX rate change"), std::string::npos)
      << taken->description();
  const v1::Statement moved_to = StatementOf(mgr2, "2036-07");
  const v1::StatementLine* given = Line(moved_to, "true-up:2036-06");
  ASSERT_NE(given, nullptr) << moved_to.DebugString();
  EXPECT_EQ(given->amount(), "660.00");
  EXPECT_EQ(moved_to.total(), "660.00");
  EXPECT_EQ(Line(StatementOf(rep_, "2036-07"), "true-up:2036-06"), nullptr);
  // June itself is as it was paid.
  EXPECT_EQ(StatementOf(mgr_, "2036-06").total(), "660.00");
}

namespace planning_v1 = planning::v1;

namespace planning_v1 = planning::v1;

TEST_F(PeriodsTest, ATerritoryHandedOverInALockedMonthMovesItsPayByTrueUps) {
  // A named-account territory holding the fixture's account, covered by the rep.
  auto territories = planning_v1::TerritoryService::NewStub(stack().gateway_channel());
  const std::string world = UniqueId("tu-world"), region = UniqueId("tu-region"),
                    district = UniqueId("tu-district"), named = UniqueId("tu-named");
  planning_v1::Territory territory =
      TerritoryNode(named, planning_v1::TERRITORY_LEVEL_TERRITORY,
                    planning_v1::TERRITORY_TYPE_NAMED_ACCOUNT, district, "2024-01-01");
  planning_v1::AssignmentRule* rule = territory.mutable_versions(0)->add_rules();
  rule->set_priority(1);
  planning_v1::Predicate* listed = rule->add_predicates();
  listed->set_attribute("id");
  listed->mutable_named_accounts()->add_values(account_);
  for (const planning_v1::Territory& t :
       {TerritoryNode(world, planning_v1::TERRITORY_LEVEL_WORLD,
                      planning_v1::TERRITORY_TYPE_GEOGRAPHIC, "", "2024-01-01"),
        TerritoryNode(region, planning_v1::TERRITORY_LEVEL_REGION,
                      planning_v1::TERRITORY_TYPE_GEOGRAPHIC, world, "2024-01-01"),
        TerritoryNode(district, planning_v1::TERRITORY_LEVEL_DISTRICT,
                      planning_v1::TERRITORY_TYPE_GEOGRAPHIC, region, "2024-01-01"),
        territory}) {
    planning_v1::CreateTerritoryRequest request;
    *request.mutable_territory() = t;
    planning_v1::Territory created;
    ASSERT_TRUE(HasCode(territories->CreateTerritory(MakeContext(admin_).get(), request, &created),
                        grpc::StatusCode::OK))
        << t.territory_id();
  }
  const auto cover = [&](const std::vector<planning_v1::SellerAssignment>& assignments) {
    planning_v1::SetSellerAssignmentsRequest coverage;
    coverage.set_territory_id(named);
    for (const auto& a : assignments) *coverage.add_assignments() = a;
    planning_v1::SetSellerAssignmentsResponse set;
    return territories->SetSellerAssignments(MakeContext(admin_).get(), coverage, &set);
  };
  ASSERT_TRUE(HasCode(
      cover({SellerCoverage(rep_, planning_v1::SELLER_ROLE_PRIMARY, "100", "2024-01-01", "")}),
      grpc::StatusCode::OK));
  planning_v1::AssignAccountsRequest assign;
  assign.set_as_of("2036-11-01");
  planning_v1::AssignAccountsResponse assigned;
  ASSERT_TRUE(HasCode(territories->AssignAccounts(
                          MakeContext(admin_, std::chrono::seconds(60)).get(), assign, &assigned),
                      grpc::StatusCode::OK));

  // The rep, the manager and the outsider (who will take the territory over) on the plan in
  // November and December.
  CreatePlan("2036-11");
  ASSERT_FALSE(HasFatalFailure());
  AssignMonth("2036-12");
  ASSERT_FALSE(HasFatalFailure());
  AssignMonths(outsider_, {"2036-11", "2036-12"});
  ASSERT_FALSE(HasFatalFailure());

  // November: a 4 000 deal without an owner, credited through the territory to the rep:
  // 4 000 x 5 % + the 250 SPIF = 450; the manager 200 on roll-up (the SPIF is direct only).
  Txn deal{"TU-1", "2036-11-05", "4000"};
  deal.by_territory = true;
  ASSERT_TRUE(HasCode(Import({deal}), grpc::StatusCode::OK));
  ASSERT_EQ(RunToEnd("2036-11").state(), v1::CALCULATION_RUN_STATE_SUCCEEDED);
  EXPECT_EQ(StatementOf(rep_, "2036-11").total(), "450.00");
  EXPECT_EQ(StatementOf(mgr_, "2036-11").total(), "200.00");
  EXPECT_EQ(StatementOf(outsider_, "2036-11").total(), "0.00");
  Lock("2036-11");
  ASSERT_FALSE(HasFatalFailure());

  // Corrected after the month was paid: the outsider has covered the territory since
  // 2036-11-01. December recomputes November: the rep gives back 450, the outsider (with no
  // manager) gains 450, the manager gives back 200 — each as a true-up naming the cause.
  ASSERT_TRUE(HasCode(
      cover({SellerCoverage(rep_, planning_v1::SELLER_ROLE_PRIMARY, "100", "2024-01-01",
                            "2036-10-31"),
             SellerCoverage(outsider_, planning_v1::SELLER_ROLE_PRIMARY, "100", "2036-11-01", "")}),
      grpc::StatusCode::OK));
  ASSERT_EQ(RunToEnd("2036-12").state(), v1::CALCULATION_RUN_STATE_SUCCEEDED);
  for (const auto& [seller, amount] : std::vector<std::pair<std::string, std::string>>{
           {rep_, "-450.00"}, {outsider_, "450.00"}, {mgr_, "-200.00"}}) {
    SCOPED_TRACE(seller);
    const v1::Statement december = StatementOf(seller, "2036-12");
    const v1::StatementLine* true_up = Line(december, "true-up:2036-11");
    ASSERT_NE(true_up, nullptr) << december.DebugString();
    EXPECT_EQ(true_up->amount(), amount);
    EXPECT_NE(true_up->description().find("organization, territory, quota or FX rate change"),
              std::string::npos)
        << true_up->description();
  }
  // Negative December earnings pay 0 and carry the difference as a balance owed.
  EXPECT_EQ(StatementOf(rep_, "2036-12").total(), "0.00");
  EXPECT_EQ(StatementOf(rep_, "2036-12").balance().closing(), "450.00");
  EXPECT_EQ(StatementOf(outsider_, "2036-12").total(), "450.00");
  // November as paid never changes.
  EXPECT_EQ(StatementOf(rep_, "2036-11").total(), "450.00");
  EXPECT_EQ(StatementOf(outsider_, "2036-11").total(), "0.00");
}

money::Decimal Money(const std::string& text) {
  auto value = money::Decimal::Parse(text);
  EXPECT_TRUE(value.ok()) << text;
  return value.value_or(money::Decimal());
}

// Property: whatever happens after a month is locked — late deals into it, deals and linked
// cancellations of its deals in the next month, reruns of the next month, refused runs and
// adjustments of the locked month itself — its published statements stay byte-identical, and
// every statement of the next month adds up and reconciles its balance to the cent
// (payable - (closing - opening) = earned + forgiven). A seeded random sequence, so a
// failure replays exactly.
TEST_F(PeriodsTest, ALockedMonthsResultsNeverChangeOverRandomChangeSequences) {
  CreatePlan("2036-09");
  ASSERT_FALSE(HasFatalFailure());
  AssignMonth("2036-10");
  ASSERT_FALSE(HasFatalFailure());
  ASSERT_TRUE(HasCode(Import({{"L-0", "2036-09-03", "2500"}, {"L-1", "2036-09-04", "9000"}}),
                      grpc::StatusCode::OK));
  ASSERT_EQ(RunToEnd("2036-09").state(), v1::CALCULATION_RUN_STATE_SUCCEEDED);
  Lock("2036-09");
  ASSERT_FALSE(HasFatalFailure());
  const std::string locked_run = Get("2036-09").published_run();
  std::map<std::string, std::string> locked_bytes;
  for (const std::string& seller : {rep_, mgr_}) {
    locked_bytes[seller] = StatementOf(seller, "2036-09").SerializeAsString();
  }

  std::mt19937 random(20360910);
  for (int step = 0; step < 10; ++step) {
    SCOPED_TRACE(absl::StrCat("step ", step));
    const std::string id = absl::StrCat("P-", step);
    const std::string amount = absl::StrCat(500 + random() % 8000);
    v1::CalculationRun refused;
    switch (random() % 5) {
      case 0:  // a late deal into the locked month
        ASSERT_TRUE(HasCode(Import({{id, absl::StrCat("2036-09-", 10 + step), amount}}), grpc::StatusCode::OK));
        break;
      case 1:  // a deal in the open month
        ASSERT_TRUE(HasCode(Import({{id, absl::StrCat("2036-10-", 10 + step), amount}}), grpc::StatusCode::OK));
        break;
      case 2:  // a locked deal cancelled in the open month, linked to it
        ASSERT_TRUE(HasCode(Import({{id, absl::StrCat("2036-10-", 10 + step), amount,
                                     v1::TRANSACTION_TYPE_CANCELLATION, "USD", step % 2 ? "L-0" : "L-1"}}),
                            grpc::StatusCode::OK));
        break;
      case 3:
        EXPECT_TRUE(HasCode(Start("2036-09", &refused), grpc::StatusCode::FAILED_PRECONDITION));
        break;
      default:
        EXPECT_TRUE(HasCode(Adjust("2036-09", amount), grpc::StatusCode::FAILED_PRECONDITION));
        break;
    }
    ASSERT_EQ(RunToEnd("2036-10").state(), v1::CALCULATION_RUN_STATE_SUCCEEDED);

    const v1::Period september = Get("2036-09");
    EXPECT_EQ(september.status(), v1::PERIOD_STATUS_LOCKED);
    EXPECT_EQ(september.published_run(), locked_run);
    for (const std::string& seller : {rep_, mgr_}) {
      EXPECT_EQ(StatementOf(seller, "2036-09").SerializeAsString(), locked_bytes[seller]) << seller;
      const v1::Statement october = StatementOf(seller, "2036-10");
      money::Decimal lines;
      for (const v1::StatementLine& line : october.lines()) lines = lines.Add(Money(line.amount())).value();
      EXPECT_EQ(lines, Money(october.total())) << october.DebugString();
      if (october.has_balance()) {
        const v1::Balance& b = october.balance();
        const money::Decimal moved = Money(b.closing()).Sub(Money(b.opening())).value();
        EXPECT_EQ(Money(october.total()).Sub(moved).value(),
                  Money(b.earned()).Add(Money(b.forgiven())).value())
            << october.DebugString();
      }
    }
  }
}

}  // namespace
}  // namespace attain::itest
