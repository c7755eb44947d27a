// The pure parts of a calculation run: period labels, the text COPY rows it reads, which plan
// pays each seller, how stored transactions become engine inputs, and the stored inputs an
// explanation replays.
#include <tuple>

#include <gtest/gtest.h>

#include "services/compensation/calculation/period_label.h"
#include "services/compensation/calculation/run_inputs.h"
#include "services/compensation/store/copy_text.h"

namespace attain::compensation::calculation {
namespace {

using money::Decimal;

Decimal D(const char* text) { return *Decimal::Parse(text); }

TEST(PeriodLabelTest, MonthQuarterAndYearWithJanuaryStart) {
  auto month = ParsePeriod("2026-10", 1);
  ASSERT_TRUE(month.ok()) << month.status();
  EXPECT_EQ(month->type, plan::PeriodType::kMonthly);
  EXPECT_EQ(month->first, absl::CivilDay(2026, 10, 1));
  EXPECT_EQ(month->last, absl::CivilDay(2026, 10, 31));
  EXPECT_EQ(month->year_start, absl::CivilDay(2026, 1, 1));

  auto quarter = ParsePeriod("2026-Q4", 1);
  ASSERT_TRUE(quarter.ok());
  EXPECT_EQ(quarter->first, absl::CivilDay(2026, 10, 1));
  EXPECT_EQ(quarter->last, absl::CivilDay(2026, 12, 31));

  auto year = ParsePeriod("2026", 1);
  ASSERT_TRUE(year.ok());
  EXPECT_EQ(year->type, plan::PeriodType::kAnnual);
  EXPECT_EQ(year->first, absl::CivilDay(2026, 1, 1));
  EXPECT_EQ(year->last, absl::CivilDay(2026, 12, 31));
}

TEST(PeriodLabelTest, FiscalYearNamedAfterTheYearItEndsIn) {
  // February start: FY2027 runs 2026-02-01 .. 2027-01-31; its Q1 is Feb-Apr 2026.
  auto quarter = ParsePeriod("2027-Q1", 2);
  ASSERT_TRUE(quarter.ok());
  EXPECT_EQ(quarter->first, absl::CivilDay(2026, 2, 1));
  EXPECT_EQ(quarter->last, absl::CivilDay(2026, 4, 30));
  EXPECT_EQ(quarter->year_start, absl::CivilDay(2026, 2, 1));
  // January 2027 still belongs to FY2027, which started in February 2026.
  auto january = ParsePeriod("2027-01", 2);
  ASSERT_TRUE(january.ok());
  EXPECT_EQ(january->year_start, absl::CivilDay(2026, 2, 1));
  // February 2027 starts FY2028.
  EXPECT_EQ(ParsePeriod("2027-02", 2)->year_start, absl::CivilDay(2027, 2, 1));
}

TEST(PeriodLabelTest, RejectsOtherFormsNamingTheField) {
  for (const char* bad : {"", "2026-13", "2026-1", "2026-Q5", "26-10", "2026/10", "1999", "2026-Q"}) {
    auto parsed = ParsePeriod(bad, 1, "adjustment.period");
    EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument) << bad;
    EXPECT_NE(std::string(parsed.status().message()).find("\"" + std::string(bad) + "\""),
              std::string::npos)
        << parsed.status();
  }
}

TEST(CopyTextTest, SplitsFieldsDecodesEscapesAndNulls) {
  std::vector<std::optional<std::string_view>> fields;
  std::string scratch;
  ASSERT_TRUE(store::SplitCopyTextRow("a\t\\N\t{\"k\":\"x\\\\ty\"}\tline\\nbreak\t\\101", &fields,
                                      &scratch)
                  .ok());
  ASSERT_EQ(fields.size(), 5u);
  EXPECT_EQ(*fields[0], "a");
  EXPECT_FALSE(fields[1].has_value());
  EXPECT_EQ(*fields[2], "{\"k\":\"x\\ty\"}");
  EXPECT_EQ(*fields[3], "line\nbreak");
  EXPECT_EQ(*fields[4], "A");
  EXPECT_FALSE(store::SplitCopyTextRow("dangling\\", &fields, &scratch).ok());
}

std::shared_ptr<plan::Plan> MonthlyPlan(const std::string& id, const std::string& currency) {
  auto p = std::make_shared<plan::Plan>();
  p->plan_id = id;
  p->currency = currency;
  p->period_type = plan::PeriodType::kMonthly;
  p->measures = {{"revenue", plan::MeasureBasis::kCreditAmount, {}, false}};
  return p;
}

store::AssignmentInForce Assign(const std::string& id, const std::string& plan, const std::string& seller,
                                const std::string& title, absl::CivilDay from,
                                std::optional<absl::CivilDay> to = std::nullopt) {
  store::AssignmentInForce a;
  a.assignment_id = id;
  a.plan_id = plan;
  a.seller_id = seller;
  a.title = title;
  a.effective_from = from;
  a.effective_to = to;
  a.target_incentive = D("1000");
  return a;
}

TEST(ResolvePlansTest, DirectBeatsTitleAndTheLastDayDecides) {
  PlanningSnapshot planning;
  planning.sellers = {{"ae-1", "AE"}, {"ae-2", "AE"}, {"ae-3", "AE"}, {"se-1", "SE"}};
  store::PlansInForce plans;
  plans.versions.push_back({MonthlyPlan("ae", "USD"), absl::CivilDay(2026, 1, 1), std::nullopt});
  plans.versions.push_back({MonthlyPlan("special", "USD"), absl::CivilDay(2026, 1, 1), std::nullopt});
  auto quarterly = MonthlyPlan("quarterly", "USD");
  quarterly->period_type = plan::PeriodType::kQuarterly;
  plans.versions.push_back({quarterly, absl::CivilDay(2026, 1, 1), std::nullopt});
  plans.assignments = {
      Assign("t", "ae", "", "AE", absl::CivilDay(2026, 1, 1)),
      // ae-2: a direct assignment that ended mid-month, then another from the 16th.
      Assign("d1", "special", "ae-2", "", absl::CivilDay(2026, 1, 1), absl::CivilDay(2026, 10, 15)),
      Assign("d2", "ae", "ae-2", "", absl::CivilDay(2026, 10, 16)),
      // ae-3: direct to a quarterly plan, so not paid in a monthly run.
      Assign("d3", "quarterly", "ae-3", "", absl::CivilDay(2026, 1, 1)),
  };
  auto period = ParsePeriod("2026-10", 1);
  std::vector<ResolvedPlan> resolved = ResolvePlans(planning, plans, *period);
  ASSERT_EQ(resolved.size(), 2u);
  EXPECT_EQ(resolved[0].seller_id, "ae-1");
  EXPECT_EQ(resolved[0].assignment->assignment_id, "t");
  EXPECT_EQ(resolved[1].seller_id, "ae-2");
  EXPECT_EQ(resolved[1].assignment->assignment_id, "d2");
}

store::TransactionRowView Row(std::string_view id, std::string_view account, std::string_view date,
                              std::string_view amount, std::string_view currency) {
  store::TransactionRowView row;
  row.source_system = "crm";
  row.transaction_id = id;
  row.version = 1;
  row.type = "ORDER";
  row.date = date;
  row.account_id = account;
  row.product_id = "p-1";
  row.amount = amount;
  row.currency = currency;
  return row;
}

TEST(RunInputBuilderTest, ConvertsSortsAndIndexesWhateverTheReadOrder) {
  auto planning = std::make_shared<PlanningSnapshot>();
  planning->sellers = {{"rep-b", "AE"}, {"mgr", "Manager"}, {"rep-a", "AE"}};
  planning->lines = {{"rep-a", "mgr", absl::CivilDay(2026, 1, 1), std::nullopt}};
  planning->product_families = {{"p-1", "Cloud"}};
  std::vector<fx::FxRate> rates = {{"EUR", "USD", absl::CivilMonth(2026, 10), D("1.1"), 0}};
  const fx::FxTable fx = TableOf(rates);
  auto period = ParsePeriod("2026-10", 1);

  auto build = [&](bool reversed) {
    RunInputBuilder builder(planning, *period, "USD", &fx, {.keep_keys = true});
    std::vector<store::TransactionRowView> rows = {
        Row("t-2", "acc-b", "2026-10-02", "100", "EUR"), Row("t-1", "acc-a", "2026-10-05", "50", "USD"),
        Row("t-3", "acc-a", "2026-10-01", "10", "USD")};
    if (reversed) std::reverse(rows.begin(), rows.end());
    for (auto& row : rows) {
      row.owner_seller_id = "rep-a";
      EXPECT_TRUE(builder.Add(row).ok());
    }
    auto inputs = std::move(builder).Finish({}, {}, {}, {.max_depth = 1, .titles = {}});
    EXPECT_TRUE(inputs.ok()) << inputs.status();
    return *std::move(inputs);
  };
  auto forward = build(false);
  auto backward = build(true);
  for (const auto* in : {forward.get(), backward.get()}) {
    // Sellers by id: mgr, rep-a, rep-b.
    EXPECT_EQ(in->data.seller_ids, (std::vector<std::string>{"mgr", "rep-a", "rep-b"}));
    // By account, then date: acc-a 10-01 (t-3), acc-a 10-05 (t-1), acc-b (t-2).
    ASSERT_EQ(in->data.keys.size(), 3u);
    EXPECT_EQ(in->data.keys[0].transaction_id, "t-3");
    EXPECT_EQ(in->data.keys[1].transaction_id, "t-1");
    EXPECT_EQ(in->data.keys[2].transaction_id, "t-2");
    // 100 EUR x 1.1 = 110 USD.
    EXPECT_EQ(in->data.transactions[2].amount, D("110"));
    EXPECT_EQ(in->data.family_names[in->data.family_of_product[in->data.transactions[0].product]], "Cloud");
    EXPECT_EQ(in->org->ManagerOn(in->seller_index.at("rep-a"), in->input.period.first),
              in->seller_index.at("mgr"));
    EXPECT_EQ(ManagersOn(*in, in->seller_index.at("rep-a"), in->input.period.last),
              (std::vector<std::string>{"mgr"}));
  }
}

// Split lists follow their transactions into order whatever the read order: t-3 (acc-a
// 10-01), t-1 (acc-a 10-05, no splits), t-2 (acc-b).
TEST(RunInputBuilderTest, SplitListsFollowTheirTransactionsIntoOrder) {
  auto planning = std::make_shared<PlanningSnapshot>();
  planning->sellers = {{"rep-a", "AE"}, {"rep-b", "AE"}};
  const fx::FxTable fx;
  auto build = [&](bool reversed) {
    RunInputBuilder builder(planning, *ParsePeriod("2026-10", 1), "USD", &fx, {.keep_keys = true});
    std::vector<store::TransactionRowView> rows = {
        Row("t-2", "acc-b", "2026-10-02", "100", "USD"), Row("t-1", "acc-a", "2026-10-05", "50", "USD"),
        Row("t-3", "acc-a", "2026-10-01", "10", "USD")};
    rows[0].splits = R"([{"seller_id":"rep-b","percent":"100","overlay":false},)"
                     R"({"seller_id":"rep-a","percent":"25","overlay":true}])";
    rows[2].splits = R"([{"seller_id": "rep-a", "percent": "60"}, {"seller_id": "rep-b", "percent": "40"}])";
    if (reversed) std::reverse(rows.begin(), rows.end());
    for (const auto& row : rows) EXPECT_TRUE(builder.Add(row).ok());
    auto inputs = std::move(builder).Finish({}, {}, {}, {});
    EXPECT_TRUE(inputs.ok()) << inputs.status();
    return *std::move(inputs);
  };
  auto forward = build(false);
  auto backward = build(true);
  using Share = std::tuple<uint32_t, Decimal, bool>;
  for (const auto* in : {forward.get(), backward.get()}) {
    ASSERT_EQ(in->data.keys.size(), 3u);
    EXPECT_EQ(in->data.keys[0].transaction_id, "t-3");
    EXPECT_EQ(in->data.keys[2].transaction_id, "t-2");
    EXPECT_EQ(in->input.splits.size(), 4u);
    auto shares = [&](size_t index) {
      std::vector<Share> out;
      for (const credit::SplitShare& s : credit::SplitsOf(in->input.transactions[index], in->input.splits)) {
        out.emplace_back(s.seller, s.fraction, s.overlay);
      }
      return out;
    };
    const uint32_t rep_a = in->seller_index.at("rep-a"), rep_b = in->seller_index.at("rep-b");
    EXPECT_EQ(shares(0), (std::vector<Share>{{rep_a, D("0.6"), false}, {rep_b, D("0.4"), false}}));
    EXPECT_EQ(shares(1), (std::vector<Share>{}));
    EXPECT_EQ(shares(2), (std::vector<Share>{{rep_b, D("1"), false}, {rep_a, D("0.25"), true}}));
  }
}

TEST(RunInputBuilderTest, MissingFxRateNamesThePairAndMonth) {
  auto planning = std::make_shared<PlanningSnapshot>();
  const fx::FxTable fx;
  RunInputBuilder builder(planning, *ParsePeriod("2026-10", 1), "USD", &fx, {});
  absl::Status added = builder.Add(Row("t-1", "acc", "2026-10-02", "100", "EUR"));
  EXPECT_EQ(added.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(std::string(added.message()).find("EUR"), std::string::npos) << added;
  EXPECT_NE(std::string(added.message()).find("2026-10"), std::string::npos) << added;
}

TEST(RunInputsStorageTest, PlanningAndFxRatesRoundTrip) {
  PlanningSnapshot planning;
  planning.sequence = 42;
  planning.sellers = {{"rep-a", "AE"}};
  planning.lines = {{"rep-a", "mgr", absl::CivilDay(2026, 1, 1), absl::CivilDay(2026, 6, 30)}};
  std::vector<fx::FxRate> rates = {{"EUR", "USD", absl::CivilMonth(2026, 10), D("1.083421"), 0},
                                   {"GBP", "USD", absl::CivilMonth(2026, 9), D("1.27"), 0}};
  const std::string body = SerializeRunInputs(planning, rates);
  EXPECT_EQ(SerializeRunInputs(planning, rates), body);  // deterministic bytes
  auto parsed = ParseRunInputs(body);
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(parsed->planning->sellers, planning.sellers);
  EXPECT_EQ(parsed->planning->lines, planning.lines);
  ASSERT_EQ(parsed->fx_rates.size(), 2u);
  EXPECT_EQ(parsed->fx_rates[0].rate, D("1.083421"));
  EXPECT_EQ(parsed->fx_rates[1].month, absl::CivilMonth(2026, 9));
  EXPECT_EQ(ParseRunInputs("12\nshort").status().code(), absl::StatusCode::kDataLoss);
}

}  // namespace
}  // namespace attain::compensation::calculation
