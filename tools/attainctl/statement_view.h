#pragma once
// Statements, explanations, payroll lines and adjustments for people (tables and text) and
// scripts (one CSV row per statement line). Pure, so it is tested without a server.

#include <string>

#include "attain/compensation/v1/calculation.pb.h"
#include "tools/attainctl/output.h"

namespace attain::ctl {

// One row per component: component, kind, measure, value, quota, attainment (percent), tier
// (1-based; "" without tiers), rate, earnings, capped, and a note column (why it did not pay)
// when any component has one.
Table ComponentResultsTable(const compensation::v1::Statement& statement);
// The statement for people: a title line, the target incentive, the components, then the
// lines and the total.
std::string StatementText(const compensation::v1::Statement& statement);

// One row per line of every statement, with the line's component figures when it is a
// component line (values as the API gives them: attainment a fraction, tier 0-based):
// seller_id, period, plan_id, plan_version, currency, line_kind, line_id, description, amount,
// measure_id, measure_value, quota, attainment, tier_reached, rate, uncapped, capped.
Table StatementLinesTable(const google::protobuf::RepeatedPtrField<compensation::v1::Statement>& statements);
// One row per statement: seller, plan, version, currency, target_incentive, total, run.
Table StatementsTable(const google::protobuf::RepeatedPtrField<compensation::v1::Statement>& statements);

// One row per credited transaction: date, source, transaction, version, type, account,
// product, amount, share, credit, rule, detail.
Table CreditedTable(const compensation::v1::ExplainPayoutResponse& explanation);
// The component, its arithmetic step by step, the credited transactions and their total.
std::string ExplanationText(const compensation::v1::ExplainPayoutResponse& explanation,
                            const std::string& seller_id, const std::string& period);

// One row per payroll line: seller_id, period, amount, currency.
Table PayrollTable(const compensation::v1::ExportPayrollResponse& payroll);
// The lines, then one total per currency.
std::string PayrollText(const compensation::v1::ExportPayrollResponse& payroll);

// One row per adjustment: adjustment, seller, period, kind, amount, measure, reason, author,
// created.
Table AdjustmentsTable(const google::protobuf::RepeatedPtrField<compensation::v1::Adjustment>& adjustments);

}  // namespace attain::ctl
