#include "services/compensation/statements/statement_cache.h"

#include <string_view>
#include <utility>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace attain::compensation::statements {
namespace {

// Reads "<digits><end>" (at most 18 digits) from the front of `text` into `out` and drops it.
bool TakeNumber(std::string_view* text, char end, uint64_t* out) {
  const size_t stop = text->find(end);
  if (stop == std::string_view::npos || stop == 0 || stop > 18) return false;
  for (char c : text->substr(0, stop)) {
    if (c < '0' || c > '9') return false;
  }
  *out = 0;
  for (char c : text->substr(0, stop)) *out = *out * 10 + static_cast<uint64_t>(c - '0');
  text->remove_prefix(stop + 1);
  return true;
}

}  // namespace

void InvalidatePublished(cache::Cache& cache, const std::string& period) {
  cache.Invalidate({PublishedKey(period)});
}

std::string PublishedKey(const std::string& period) { return absl::StrCat("published:", period); }

std::string StatementKey(const std::string& period, const std::string& seller_id) {
  return absl::StrCat("published-statement:", period, ":", seller_id);
}

std::string EncodePublished(const PublishedRun& run) {
  return absl::StrCat(run.run_id, ":", run.run_number);
}

std::optional<PublishedRun> DecodePublished(const std::string& value) {
  const size_t colon = value.find(':');
  if (colon == std::string::npos) return std::nullopt;
  PublishedRun run;
  if (!absl::SimpleAtoi(absl::string_view(value.data(), colon), &run.run_id) ||
      !absl::SimpleAtoi(absl::string_view(value.data() + colon + 1, value.size() - colon - 1),
                        &run.run_number) ||
      run.run_id <= 0 || run.run_number <= 0) {
    return std::nullopt;
  }
  return run;
}

std::string EncodeStatement(const StatementEntry& entry) {
  const StatementRecord& record = entry.record;
  std::string out = absl::StrCat(entry.run_id, "\n", record.managers.size(), "\n");
  for (const std::string& manager : record.managers) {
    absl::StrAppend(&out, manager.size(), ":", manager);
  }
  out.append(record.body);
  return out;
}

std::optional<StatementEntry> DecodeStatement(const std::string& value) {
  std::string_view rest = value;
  uint64_t run_id = 0;
  uint64_t count = 0;
  if (!TakeNumber(&rest, '\n', &run_id) || run_id == 0 || !TakeNumber(&rest, '\n', &count) ||
      count > rest.size()) {
    return std::nullopt;
  }
  StatementEntry entry;
  entry.run_id = static_cast<int64_t>(run_id);
  std::vector<std::string>& managers = entry.record.managers;
  managers.reserve(count);
  for (uint64_t i = 0; i < count; ++i) {
    uint64_t length = 0;
    if (!TakeNumber(&rest, ':', &length) || length > rest.size()) return std::nullopt;
    managers.emplace_back(rest.substr(0, length));
    rest.remove_prefix(length);
  }
  entry.record.body = std::string(rest);
  return entry;
}

std::optional<StatementRecord> CachedStatementOfRun(std::optional<std::string> value,
                                                    int64_t run_id) {
  if (!value) return std::nullopt;
  std::optional<StatementEntry> entry = DecodeStatement(*value);
  if (!entry || entry->run_id != run_id) return std::nullopt;
  return std::move(entry->record);
}

}  // namespace attain::compensation::statements
