#pragma once
// Helpers every command group shares: one unary call, following pages, the note about more
// pages, a report for people beside the table for scripts, and decimal/enum text for display.

#include <algorithm>
#include <iostream>
#include <optional>
#include <string>

#include <google/protobuf/message.h>
#include <grpcpp/client_context.h>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/strings/strip.h"
#include "tools/attainctl/cli.h"
#include "tools/attainctl/output.h"

namespace attain::ctl {

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

// A list command's output: the page `request` names (with `all`, every following one too)
// fetched through `fetch` (FetchPages), printed with the table `to_table` makes of the merged
// response, then the note about further pages.
template <typename Request, typename Fetch, typename ToTable>
absl::Status PrintPages(const GlobalOptions& options, const Request& request, bool all, Fetch fetch,
                        ToTable to_table) {
  auto listed = FetchPages(request, all, fetch);
  if (!listed.ok()) return listed.status();
  if (absl::Status printed = Print(options.format, *listed, to_table(*listed), std::cout); !printed.ok()) {
    return printed;
  }
  NoteMorePages(options, listed->next_page_token());
  return absl::OkStatus();
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

}  // namespace attain::ctl
