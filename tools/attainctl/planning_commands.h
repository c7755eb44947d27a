#pragma once
// The planning commands beyond the territory tree, and the few helpers their files share:
//   quotas allocate|get|list|submit|approve|activate|bottom-up|reconcile|sellers  (quota_commands.cc)
//   capacity, forecast                                          (capacity_forecast_commands.cc)
//   scenarios balance|get|list|diff|delete|promote              (scenario_commands.cc)
//   balance, the same as `scenarios balance`                    (scenario_commands.cc)
//   scenarios plan|territories|put-territory|delete-territory|sellers|revise-quota
//                                                               (plan_scenario_commands.cc)

#include <algorithm>
#include <iostream>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>
#include <google/protobuf/message.h>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/strings/strip.h"
#include "attain/planning/v1/quotas.grpc.pb.h"
#include "tools/attainctl/cli.h"
#include "tools/attainctl/output.h"

namespace attain::ctl {

void AddQuotaCommands(CLI::App& root, const GlobalOptions& options, int& exit_code);
void AddCapacityCommand(CLI::App& root, const GlobalOptions& options, int& exit_code);
void AddForecastCommand(CLI::App& root, const GlobalOptions& options, int& exit_code);
void AddScenarioCommands(CLI::App& root, const GlobalOptions& options, int& exit_code);
// `balance` under `parent`: both `scenarios balance` and the top-level `balance` shortcut.
void AddBalanceCommand(CLI::App& parent, const GlobalOptions& options, int& exit_code);

namespace planning_cli {

// Calls one unary method on a fresh context (token and deadline); a failed call's status
// comes back through FromCall, field violations included.
template <typename Stub, typename Request, typename Response>
absl::StatusOr<Response> Call(const Connection& connection, Stub& stub,
                              grpc::Status (Stub::*method)(grpc::ClientContext*, const Request&,
                                                           Response*),
                              const Request& request) {
  Response response;
  const auto context = connection.NewContext();
  if (grpc::Status status = (stub.*method)(context.get(), request, &response); !status.ok()) {
    return FromCall(status);
  }
  return response;
}

// Fetches the page `request` names and, when `all`, every following one through `fetch`
// (Request -> StatusOr<Response>); repeated fields are appended and the result keeps the last
// page's next_page_token.
template <typename Request, typename Fetch>
auto FetchPages(Request request, bool all, Fetch fetch) -> decltype(fetch(request)) {
  typename decltype(fetch(request))::value_type merged;
  while (true) {
    auto page = fetch(request);
    if (!page.ok()) return page.status();
    const std::string next = page->next_page_token();
    merged.MergeFrom(*page);
    merged.set_next_page_token(next);  // MergeFrom keeps an earlier token over an empty one
    if (!all || next.empty()) break;
    request.set_page_token(next);
  }
  return merged;
}

// After a table or CSV that stops before the last page, says on stderr how to get the rest.
inline void NoteMorePages(const GlobalOptions& options, const std::string& next_page_token) {
  if (options.format != Format::kJson && !next_page_token.empty()) {
    std::cerr << "more results: pass --all, or --page-token " << next_page_token << "\n";
  }
}

// `text` (a report for people) in table format; otherwise Print(format, message, table).
inline absl::Status PrintReport(const GlobalOptions& options,
                                const google::protobuf::Message& message, const std::string& text,
                                const Table& table) {
  if (options.format != Format::kTable) return Print(options.format, message, table, std::cout);
  std::cout << text << std::flush;
  return std::cout ? absl::OkStatus() : absl::DataLossError("cannot write the output");
}

// Moves the decimal point of decimal text `places` to the right (left when negative):
// ShiftPoint("0.125", 2) = "12.5", ShiftPoint("10", -2) = "0.1". nullopt unless the text is
// [-]digits[.digits].
inline std::optional<std::string> ShiftPoint(absl::string_view text, int places) {
  const bool negative = absl::ConsumePrefix(&text, "-");
  const size_t point = text.find('.');
  const absl::string_view whole = text.substr(0, point);
  const absl::string_view fraction = point == absl::string_view::npos ? "" : text.substr(point + 1);
  auto digits_only = [](absl::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return absl::ascii_isdigit(c); });
  };
  if ((whole.empty() && fraction.empty()) || !digits_only(whole) || !digits_only(fraction) ||
      (point != absl::string_view::npos && fraction.empty())) {
    return std::nullopt;
  }
  std::string digits = absl::StrCat(whole, fraction);
  int before_point = static_cast<int>(whole.size()) + places;
  if (before_point < 0) {
    digits.insert(0, static_cast<size_t>(-before_point), '0');
    before_point = 0;
  }
  if (static_cast<size_t>(before_point) > digits.size()) digits.resize(before_point, '0');
  std::string integer = digits.substr(0, before_point);
  std::string decimals = digits.substr(before_point);
  integer.erase(0, std::min(integer.find_first_not_of('0'), integer.size()));
  decimals.erase(std::min(decimals.find_last_not_of('0') + 1, decimals.size()));
  std::string out = integer.empty() ? "0" : integer;
  if (!decimals.empty()) absl::StrAppend(&out, ".", decimals);
  return negative && out != "0" ? "-" + out : out;
}

// A fraction as a percent for people ("0.05" -> "5"); text that is not a decimal (such as "")
// is returned unchanged.
inline std::string FractionToPercent(absl::string_view fraction) {
  return ShiftPoint(fraction, 2).value_or(std::string(fraction));
}

// The enum value's name without `prefix`, lower-cased: "QUOTA_PLAN_STATE_DRAFT" -> "draft";
// "" for the UNSPECIFIED value.
inline std::string EnumLabel(const std::string& name, absl::string_view prefix) {
  absl::string_view label = name;
  if (!absl::ConsumePrefix(&label, prefix) || label == "UNSPECIFIED") return "";
  return absl::AsciiStrToLower(label);
}

// "quotaPlans/<id>"; accepts an id, a plan name or a version name.
inline std::string QuotaPlanName(absl::string_view plan) {
  absl::ConsumePrefix(&plan, "quotaPlans/");
  return absl::StrCat("quotaPlans/", plan.substr(0, plan.find('/')));
}

// "quotaPlans/<id>/versions/<version>" when `version` is positive, else the plan's name (which
// the Get methods read as its latest version).
inline std::string PlanOrVersionName(absl::string_view plan, int version) {
  return version > 0 ? absl::StrCat(QuotaPlanName(plan), "/versions/", version) : QuotaPlanName(plan);
}

// The version name of `plan`: version `version` when positive, else the plan's latest version
// (read with GetQuotaPlan).
inline absl::StatusOr<std::string> QuotaVersionName(const Connection& connection,
                                                    absl::string_view plan, int version) {
  if (version > 0) return PlanOrVersionName(plan, version);
  planning::v1::GetQuotaPlanRequest request;
  request.set_name(QuotaPlanName(plan));
  const auto stub = planning::v1::QuotaService::NewStub(connection.channel());
  auto got = Call(connection, *stub, &planning::v1::QuotaService::Stub::GetQuotaPlan, request);
  if (!got.ok()) return got.status();
  if (got->versions().empty()) return absl::NotFoundError(absl::StrCat(request.name(), " has no versions"));
  const auto latest = std::max_element(
      got->versions().begin(), got->versions().end(),
      [](const auto& a, const auto& b) { return a.version() < b.version(); });
  return latest->name();
}

}  // namespace planning_cli
}  // namespace attain::ctl
