#include "services/compensation/statements/statement_cache.h"

#include <string_view>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace attain::compensation::statements {
namespace {

// Reads "<digits><end>" from the front of `text` into `out` and drops it.
bool TakeNumber(std::string_view* text, char end, size_t* out) {
  const size_t stop = text->find(end);
  if (stop == std::string_view::npos || stop == 0 || stop > 9) return false;
  for (char c : text->substr(0, stop)) {
    if (c < '0' || c > '9') return false;
  }
  *out = 0;
  for (char c : text->substr(0, stop)) *out = *out * 10 + static_cast<size_t>(c - '0');
  text->remove_prefix(stop + 1);
  return true;
}

}  // namespace

void InvalidatePublished(cache::Cache& cache, const std::string& period) {
  cache.Invalidate({PublishedKey(period)});
}

std::string PublishedKey(const std::string& period) { return absl::StrCat("published:", period); }

std::string StatementKey(int64_t run_id, const std::string& seller_id) {
  return absl::StrCat("statement:", run_id, ":", seller_id);
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

std::string EncodeStatement(const StatementRecord& record) {
  std::string out = absl::StrCat(record.managers.size(), "\n");
  for (const std::string& manager : record.managers) {
    absl::StrAppend(&out, manager.size(), ":", manager);
  }
  out.append(record.body);
  return out;
}

std::optional<StatementRecord> DecodeStatement(const std::string& value) {
  std::string_view rest = value;
  size_t count = 0;
  if (!TakeNumber(&rest, '\n', &count) || count > rest.size()) return std::nullopt;
  StatementRecord record;
  record.managers.reserve(count);
  for (size_t i = 0; i < count; ++i) {
    size_t length = 0;
    if (!TakeNumber(&rest, ':', &length) || length > rest.size()) return std::nullopt;
    record.managers.emplace_back(rest.substr(0, length));
    rest.remove_prefix(length);
  }
  record.body = std::string(rest);
  return record;
}

}  // namespace attain::compensation::statements
