#include "tools/attainctl/statement_view.h"

#include <algorithm>
#include <map>

#include "absl/strings/str_cat.h"
#include "tools/attainctl/compensation_text.h"

namespace attain::ctl {
namespace {

namespace v1 = compensation::v1;
using comp::Label;

std::string LineKind(v1::StatementLineKind kind) {
  return Label(v1::StatementLineKind_Name(kind), "STATEMENT_LINE_KIND_");
}

const v1::ComponentResult* ComponentOf(const v1::Statement& statement, const v1::StatementLine& line) {
  if (line.kind() != v1::STATEMENT_LINE_KIND_COMPONENT) return nullptr;
  for (const v1::ComponentResult& component : statement.components()) {
    if (component.component_id() == line.id()) return &component;
  }
  return nullptr;
}

std::string TierText(int tier_reached) { return tier_reached < 0 ? "" : absl::StrCat(tier_reached + 1); }

}  // namespace

Table ComponentResultsTable(const v1::Statement& statement) {
  const bool notes = std::any_of(statement.components().begin(), statement.components().end(),
                                 [](const v1::ComponentResult& c) { return !c.paid(); });
  Table table{{"component", "kind", "measure", "value", "quota", "attainment", "tier", "rate", "earnings",
               "capped"},
              {}};
  if (notes) table.header.push_back("note");
  for (const v1::ComponentResult& c : statement.components()) {
    std::vector<std::string> row{c.component_id(), c.kind(), c.measure_id(), c.measure_value(), c.quota(),
                                 comp::Percent(c.attainment()), TierText(c.tier_reached()), c.rate(),
                                 c.earnings(), c.capped() ? "yes" : "no"};
    if (notes) row.push_back(c.paid() ? "" : absl::StrCat("not paid: ", c.not_paid_reason()));
    table.rows.push_back(std::move(row));
  }
  return table;
}

std::string StatementText(const v1::Statement& statement) {
  std::string text = absl::StrCat(statement.seller_id(), "  ", statement.period(), "  plan ", statement.plan_id(),
                                  " v", statement.plan_version(), "  ", statement.currency(), "  (",
                                  statement.run(), ")\ntarget incentive ", statement.target_incentive(), "\n\n",
                                  RenderTable(ComponentResultsTable(statement)), "\n");
  Table lines{{"line", "kind", "description", "amount"}, {}};
  for (const v1::StatementLine& line : statement.lines()) {
    lines.rows.push_back({line.id(), LineKind(line.kind()), line.description(), line.amount()});
  }
  lines.rows.push_back({"total", "", "", absl::StrCat(statement.total(), " ", statement.currency())});
  return text + RenderTable(lines);
}

Table StatementLinesTable(const google::protobuf::RepeatedPtrField<v1::Statement>& statements) {
  Table table{{"seller_id", "period", "plan_id", "plan_version", "currency", "line_kind", "line_id", "description",
               "amount", "measure_id", "measure_value", "quota", "attainment", "tier_reached", "rate", "uncapped",
               "capped"},
              {}};
  for (const v1::Statement& s : statements) {
    for (const v1::StatementLine& line : s.lines()) {
      std::vector<std::string> row{s.seller_id(), s.period(), s.plan_id(), absl::StrCat(s.plan_version()),
                                   s.currency(), LineKind(line.kind()), line.id(), line.description(),
                                   line.amount()};
      if (const v1::ComponentResult* c = ComponentOf(s, line)) {
        row.insert(row.end(), {c->measure_id(), c->measure_value(), c->quota(), c->attainment(),
                               absl::StrCat(c->tier_reached()), c->rate(), c->uncapped(),
                               c->capped() ? "true" : "false"});
      } else {
        row.resize(table.header.size());
      }
      table.rows.push_back(std::move(row));
    }
  }
  return table;
}

Table StatementsTable(const google::protobuf::RepeatedPtrField<v1::Statement>& statements) {
  Table table{{"seller", "plan", "version", "currency", "target_incentive", "total", "run"}, {}};
  for (const v1::Statement& s : statements) {
    table.rows.push_back({s.seller_id(), s.plan_id(), absl::StrCat(s.plan_version()), s.currency(),
                          s.target_incentive(), s.total(), s.run()});
  }
  return table;
}

Table CreditedTable(const v1::ExplainPayoutResponse& explanation) {
  Table table{{"date", "source", "transaction", "version", "type", "account", "product", "amount", "share",
               "credit", "rule", "detail"},
              {}};
  for (const v1::CreditedTransaction& t : explanation.transactions()) {
    table.rows.push_back({t.date(), t.source_system(), t.transaction_id(), absl::StrCat(t.version()),
                          Label(v1::TransactionType_Name(t.type()), "TRANSACTION_TYPE_"), t.account_id(),
                          t.product_id(), t.amount(), t.credit_fraction(), t.credit_value(),
                          Label(v1::CreditRule_Name(t.rule()), "CREDIT_RULE_"), t.rule_detail()});
  }
  return table;
}

std::string ExplanationText(const v1::ExplainPayoutResponse& explanation, const std::string& seller_id,
                            const std::string& period) {
  const v1::ComponentResult& c = explanation.component();
  std::string text = absl::StrCat(c.component_id(), " (", c.display_name(), ", ", c.kind(), ") for ", seller_id,
                                  " in ", period, ", ", explanation.run(), "\n");
  for (const std::string& step : c.steps()) absl::StrAppend(&text, "  ", step, "\n");
  absl::StrAppend(&text, "earnings ", c.earnings(), c.capped() ? " (capped)" : "",
                  c.paid() ? "" : absl::StrCat(" (not paid: ", c.not_paid_reason(), ")"), "\n\n");
  if (explanation.transactions().empty()) {
    absl::StrAppend(&text, "no credited transactions\n");
  } else {
    absl::StrAppend(&text, RenderTable(CreditedTable(explanation)), "\n");
  }
  absl::StrAppend(&text, explanation.transactions_size(), " of ", explanation.total_size(),
                  " transactions shown; credited total ", explanation.credited_total(), "\n");
  for (const v1::ClawbackLine& c : explanation.clawbacks()) {
    absl::StrAppend(&text, "clawback ", c.amount(), ": ", c.source_system(), "/", c.transaction_id(),
                    " reverses ", c.source_system(), "/", c.original_transaction_id(), " (paid in ",
                    c.original_period(), "): credit ", c.credit_value(), " x rate paid ", c.rate(), "\n");
  }
  return text;
}

Table PayrollTable(const v1::ExportPayrollResponse& payroll) {
  Table table{{"seller_id", "period", "amount", "currency"}, {}};
  for (const v1::PayrollLine& line : payroll.lines()) {
    table.rows.push_back({line.seller_id(), line.period(), line.amount(), line.currency()});
  }
  return table;
}

std::string PayrollText(const v1::ExportPayrollResponse& payroll) {
  std::string text = RenderTable(PayrollTable(payroll));
  const std::map<std::string, std::string> totals(payroll.totals().begin(), payroll.totals().end());
  absl::StrAppend(&text, "\n", payroll.lines_size(), " lines from ", payroll.run(), "\n");
  for (const auto& [currency, total] : totals) absl::StrAppend(&text, "total ", currency, " ", total, "\n");
  return text;
}

Table AdjustmentsTable(const google::protobuf::RepeatedPtrField<v1::Adjustment>& adjustments) {
  Table table{{"adjustment", "seller", "period", "kind", "amount", "measure", "reason", "author", "created"}, {}};
  for (const v1::Adjustment& a : adjustments) {
    table.rows.push_back({a.adjustment_id(), a.seller_id(), a.period(),
                          Label(v1::AdjustmentKind_Name(a.kind()), "ADJUSTMENT_KIND_"), a.amount(), a.measure_id(),
                          a.reason(), a.author(), comp::TimeText(a.create_time())});
  }
  return table;
}

}  // namespace attain::ctl
