// Statements as tables, text and CSV; explanations; payroll. Exact text: these are what
// people and scripts read.
#include "tools/attainctl/statement_view.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace attain::ctl {
namespace {

namespace v1 = compensation::v1;

// rep-001's October: 2 200 000 of revenue on a graduated amount table reaches the second tier
// (index 1) at 0.6 %: 1 000 000 x 0.4 % + 1 200 000 x 0.6 % = 4 000 + 7 200 = 11 200; six
// Analytics deals x 250 = 1 500; a 250 payout adjustment. Total 11 200 + 1 500 + 250 = 12 950.
v1::Statement October() {
  v1::Statement s;
  s.set_name("periods/2026-10/statements/rep-001");
  s.set_seller_id("rep-001");
  s.set_period("2026-10");
  s.set_run("periods/2026-10/runs/2");
  s.set_plan_id("ae-monthly");
  s.set_plan_version(1);
  s.set_currency("USD");
  s.set_target_incentive("10000");
  v1::ComponentResult* c = s.add_components();
  c->set_component_id("revenue_commission");
  c->set_kind("commission");
  c->set_measure_id("revenue");
  c->set_measure_value("2200000");
  c->set_tier_reached(1);
  c->set_rate("0.006");
  c->set_paid(true);
  c->set_uncapped("11200");
  c->set_earnings("11200");
  c = s.add_components();
  c->set_component_id("analytics_spif");
  c->set_kind("spif");
  c->set_measure_value("6");
  c->set_tier_reached(-1);
  c->set_paid(true);
  c->set_uncapped("1500");
  c->set_earnings("1500");
  auto line = [&s](v1::StatementLineKind kind, const char* id, const char* description, const char* amount) {
    v1::StatementLine* l = s.add_lines();
    l->set_kind(kind);
    l->set_id(id);
    l->set_description(description);
    l->set_amount(amount);
  };
  line(v1::STATEMENT_LINE_KIND_COMPONENT, "revenue_commission", "Revenue commission", "11200.00");
  line(v1::STATEMENT_LINE_KIND_COMPONENT, "analytics_spif", "October Analytics SPIF", "1500.00");
  line(v1::STATEMENT_LINE_KIND_ADJUSTMENT, "adj-1", "Missed deal SO-9", "250.00");
  s.set_total("12950.00");
  return s;
}

TEST(StatementTextTest, ComponentsThenLinesThenTheTotal) {
  EXPECT_EQ(StatementText(October()),
            "rep-001  2026-10  plan ae-monthly v1  USD  (periods/2026-10/runs/2)\n"
            "target incentive 10000\n"
            "\n"
            "COMPONENT           KIND        MEASURE  VALUE    QUOTA  ATTAINMENT  TIER  RATE   EARNINGS  CAPPED\n"
            "revenue_commission  commission  revenue  2200000                     2     0.006  11200     no\n"
            "analytics_spif      spif                 6                                        1500      no\n"
            "\n"
            "LINE                KIND        DESCRIPTION             AMOUNT\n"
            "revenue_commission  component   Revenue commission      11200.00\n"
            "analytics_spif      component   October Analytics SPIF  1500.00\n"
            "adj-1               adjustment  Missed deal SO-9        250.00\n"
            "total                                                   12950.00 USD\n");
}

TEST(ComponentResultsTableTest, ANoteSaysWhyAComponentDidNotPay) {
  v1::Statement s = October();
  v1::ComponentResult* bonus = s.add_components();
  bonus->set_component_id("bonus");
  bonus->set_kind("bonus");
  bonus->set_measure_id("revenue");
  bonus->set_quota("2000000");
  bonus->set_attainment("0.45");
  bonus->set_tier_reached(-1);
  bonus->set_paid(false);
  bonus->set_not_paid_reason("attainment 45% is below the threshold 50%");
  bonus->set_earnings("0");
  bonus->set_capped(true);
  const Table table = ComponentResultsTable(s);
  ASSERT_EQ(table.header.back(), "note");
  EXPECT_EQ(table.rows[0].back(), "");
  EXPECT_EQ(table.rows[2],
            (std::vector<std::string>{"bonus", "bonus", "revenue", "", "2000000", "45%", "", "", "0", "yes",
                                      "not paid: attainment 45% is below the threshold 50%"}));
}

TEST(StatementLinesTableTest, OneCsvRowPerLineWithItsComponentsFigures) {
  google::protobuf::RepeatedPtrField<v1::Statement> statements;
  *statements.Add() = October();
  EXPECT_EQ(RenderCsv(StatementLinesTable(statements)),
            "seller_id,period,plan_id,plan_version,currency,line_kind,line_id,description,amount,measure_id,"
            "measure_value,quota,attainment,tier_reached,rate,uncapped,capped\n"
            "rep-001,2026-10,ae-monthly,1,USD,component,revenue_commission,Revenue commission,11200.00,revenue,"
            "2200000,,,1,0.006,11200,false\n"
            "rep-001,2026-10,ae-monthly,1,USD,component,analytics_spif,October Analytics SPIF,1500.00,,6,,,-1,,"
            "1500,false\n"
            "rep-001,2026-10,ae-monthly,1,USD,adjustment,adj-1,Missed deal SO-9,250.00,,,,,,,,\n");
}

TEST(ExplanationTextTest, StepsThenTheCreditedTransactionsAndTheirTotal) {
  v1::ExplainPayoutResponse explanation;
  explanation.set_run("periods/2026-10/runs/2");
  v1::ComponentResult& c = *explanation.mutable_component();
  c.set_component_id("revenue_commission");
  c.set_display_name("Revenue commission");
  c.set_kind("commission");
  c.set_earnings("624");
  c.set_paid(true);
  c.add_steps("revenue = 156000, quota 0, attainment n/a (no quota)");
  c.add_steps("tier 1: 156000 x 0.004 = 624");
  v1::CreditedTransaction* t = explanation.add_transactions();
  t->set_date("2026-10-03");
  t->set_source_system("crm");
  t->set_transaction_id("SO-1");
  t->set_version(1);
  t->set_type(v1::TRANSACTION_TYPE_ORDER);
  t->set_account_id("acc-1");
  t->set_product_id("prd-1");
  t->set_amount("200000");
  t->set_credit_fraction("0.6");
  t->set_credit_value("120000");
  t->set_rule(v1::CREDIT_RULE_SPLIT);
  t->set_rule_detail("split 60%");
  t = explanation.add_transactions();
  t->set_date("2026-10-09");
  t->set_source_system("crm");
  t->set_transaction_id("SO-2");
  t->set_version(2);
  t->set_type(v1::TRANSACTION_TYPE_ORDER);
  t->set_account_id("acc-2");
  t->set_product_id("prd-2");
  t->set_amount("36000");
  t->set_credit_fraction("1");
  t->set_credit_value("36000");
  t->set_rule(v1::CREDIT_RULE_OWNER);
  explanation.set_total_size(3);
  explanation.set_credited_total("156000");
  EXPECT_EQ(ExplanationText(explanation, "rep-001", "2026-10"),
            "revenue_commission (Revenue commission, commission) for rep-001 in 2026-10, periods/2026-10/runs/2\n"
            "  revenue = 156000, quota 0, attainment n/a (no quota)\n"
            "  tier 1: 156000 x 0.004 = 624\n"
            "earnings 624\n"
            "\n"
            "DATE        SOURCE  TRANSACTION  VERSION  TYPE   ACCOUNT  PRODUCT  AMOUNT  SHARE  CREDIT  RULE   DETAIL\n"
            "2026-10-03  crm     SO-1         1        order  acc-1    prd-1    200000  0.6    120000  split  split 60%\n"
            "2026-10-09  crm     SO-2         2        order  acc-2    prd-2    36000   1      36000   owner\n"
            "\n"
            "2 of 3 transactions shown; credited total 156000\n");
}

TEST(ExplanationTextTest, ClawbacksFollowLinkedToTheirDeal) {
  v1::ExplainPayoutResponse explanation;
  explanation.set_run("periods/2026-11/runs/1");
  v1::ComponentResult& c = *explanation.mutable_component();
  c.set_component_id("commission");
  c.set_display_name("Commission");
  c.set_kind("commission");
  c.set_earnings("0");
  c.set_paid(true);
  explanation.set_credited_total("0");
  v1::ClawbackLine* clawback = explanation.add_clawbacks();
  clawback->set_source_system("crm");
  clawback->set_transaction_id("CN-7");
  clawback->set_original_transaction_id("SO-7");
  clawback->set_original_period("2026-10");
  clawback->set_credit_value("-4000");
  clawback->set_rate("0.05");
  clawback->set_amount("-200.00");
  EXPECT_EQ(ExplanationText(explanation, "rep-001", "2026-11"),
            "commission (Commission, commission) for rep-001 in 2026-11, periods/2026-11/runs/1\n"
            "earnings 0\n"
            "\n"
            "no credited transactions\n"
            "0 of 0 transactions shown; credited total 0\n"
            "clawback -200.00: crm/CN-7 reverses crm/SO-7 (paid in 2026-10): credit -4000 x rate paid 0.05\n");
}

TEST(PayrollTextTest, LinesThenATotalPerCurrency) {
  v1::ExportPayrollResponse payroll;
  payroll.set_run("periods/2026-10/runs/2");
  for (const auto& [seller, amount, currency] :
       std::vector<std::array<const char*, 3>>{{"rep-001", "12950.00", "USD"}, {"rep-002", "800.10", "EUR"},
                                               {"rep-003", "49.90", "USD"}}) {
    v1::PayrollLine* line = payroll.add_lines();
    line->set_seller_id(seller);
    line->set_period("2026-10");
    line->set_amount(amount);
    line->set_currency(currency);
  }
  (*payroll.mutable_totals())["USD"] = "12999.90";
  (*payroll.mutable_totals())["EUR"] = "800.10";
  EXPECT_EQ(PayrollText(payroll),
            "SELLER_ID  PERIOD   AMOUNT    CURRENCY\n"
            "rep-001    2026-10  12950.00  USD\n"
            "rep-002    2026-10  800.10    EUR\n"
            "rep-003    2026-10  49.90     USD\n"
            "\n"
            "3 lines from periods/2026-10/runs/2\n"
            "total EUR 800.10\n"
            "total USD 12999.90\n");
  EXPECT_EQ(RenderCsv(PayrollTable(payroll)),
            "seller_id,period,amount,currency\n"
            "rep-001,2026-10,12950.00,USD\n"
            "rep-002,2026-10,800.10,EUR\n"
            "rep-003,2026-10,49.90,USD\n");
}

}  // namespace
}  // namespace attain::ctl
