// whatif --period P --plan-version plans/{plan}/versions/{n} [--top N] (compensation's
// WhatIfService): the period calculated in a sandbox with the plan version (typically a DRAFT
// from `plans revise`) against what its published run paid. Nothing is published or changed.
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "attain/compensation/v1/whatif.grpc.pb.h"
#include "tools/attainctl/calls.h"
#include "tools/attainctl/compensation_commands.h"

namespace attain::ctl {
namespace {

namespace v1 = compensation::v1;
using Stub = v1::WhatIfService::Stub;

// `cells` followed by the row's actual, sandbox and delta.
template <typename Row>
std::vector<std::string> WithAmounts(std::vector<std::string> cells, const Row& row) {
  cells.insert(cells.end(), {row.actual(), row.sandbox(), row.delta()});
  return cells;
}

Table TotalsTable(const v1::WhatIfResult& result) {
  Table table{{"currency", "actual", "sandbox", "delta"}, {}};
  for (const auto& t : result.totals()) table.rows.push_back(WithAmounts({t.currency()}, t));
  return table;
}

Table ComponentsTable(const v1::WhatIfResult& result) {
  Table table{{"component", "currency", "actual", "sandbox", "delta"}, {}};
  for (const auto& c : result.components()) {
    table.rows.push_back(WithAmounts({c.component_id(), c.currency()}, c));
  }
  return table;
}

Table SellersTable(const google::protobuf::RepeatedPtrField<v1::WhatIfSellerDelta>& sellers) {
  Table table{{"seller", "currency", "actual", "sandbox", "delta"}, {}};
  for (const auto& s : sellers) table.rows.push_back(WithAmounts({s.seller_id(), s.currency()}, s));
  return table;
}

std::string ResultText(const v1::WhatIfResult& result) {
  std::string text = absl::StrCat("what-if ", result.plan_version(), " in ", result.period(), "\n");
  absl::StrAppend(&text, "compared with: ",
                  result.actual_run().empty() ? "nothing published" : result.actual_run(), "\n");
  if (!result.note().empty()) absl::StrAppend(&text, "note: ", result.note(), "\n");
  absl::StrAppend(&text, "sellers compared: ", result.sellers_compared(),
                  ", affected: ", result.sellers_affected(), "\n");
  absl::StrAppend(&text, "\ntotals (own earnings)\n", RenderTable(TotalsTable(result)));
  absl::StrAppend(&text, "\ncomponents\n", RenderTable(ComponentsTable(result)));
  absl::StrAppend(&text, "\ntop gainers\n", RenderTable(SellersTable(result.top_gainers())));
  absl::StrAppend(&text, "\ntop losers\n", RenderTable(SellersTable(result.top_losers())));
  return text;
}

// One table for csv: every section's rows, told apart by the first column.
Table ResultTable(const v1::WhatIfResult& result) {
  Table table{{"section", "id", "currency", "actual", "sandbox", "delta"}, {}};
  for (const auto& t : result.totals())
    table.rows.push_back(WithAmounts({"total", "", t.currency()}, t));
  for (const auto& c : result.components()) {
    table.rows.push_back(WithAmounts({"component", c.component_id(), c.currency()}, c));
  }
  for (const auto& s : result.top_gainers()) {
    table.rows.push_back(WithAmounts({"gainer", s.seller_id(), s.currency()}, s));
  }
  for (const auto& s : result.top_losers()) {
    table.rows.push_back(WithAmounts({"loser", s.seller_id(), s.currency()}, s));
  }
  return table;
}

}  // namespace

void AddWhatIfCommand(CLI::App& root, const GlobalOptions& options, int& exit_code) {
  auto request = std::make_shared<v1::RunWhatIfRequest>();
  CLI::App* command = root.add_subcommand(
      "whatif",
      "Model a plan version on a past period in a sandbox and compare it with the published run");
  command
      ->add_option_function<std::string>(
          "--period", [request](const std::string& v) { request->set_period(v); },
          "2026-10, 2026-Q4 or 2026")
      ->required();
  command
      ->add_option_function<std::string>(
          "--plan-version", [request](const std::string& v) { request->set_plan_version(v); },
          "plans/{plan_id}/versions/{n}, in any state (e.g. a draft from `plans revise`)")
      ->required();
  command
      ->add_option_function<int>(
          "--top", [request](int v) { request->set_top(v); },
          "How many gainers and losers (default 10, at most 100)")
      ->check(CLI::Range(1, 100));
  SetAction(command, exit_code, [&options, request]() -> absl::Status {
    absl::StatusOr<Connection> connection = Connect(options);
    if (!connection.ok()) return connection.status();
    const auto stub = v1::WhatIfService::NewStub(connection->channel());
    auto result = Call(*connection, *stub, &Stub::RunWhatIf, *request);
    if (!result.ok()) return result.status();
    return PrintReport(options, *result, ResultText(*result), ResultTable(*result));
  });
}

}  // namespace attain::ctl
