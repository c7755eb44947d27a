#include "services/planning/engine/territory/column_stats.h"

#include <algorithm>
#include <utility>
#include <string_view>

#include "services/planning/engine/territory/postal_code.h"

namespace attain::planning::territory {
namespace {

// The first 8 bytes of `text`, zero-padded, as a big-endian integer: ordering these agrees
// with lexicographic byte order wherever they differ.
uint64_t LeadingBytes(std::string_view text) {
  uint64_t key = 0;
  for (size_t i = 0; i < 8; ++i) {
    key = (key << 8) | (i < text.size() ? static_cast<unsigned char>(text[i]) : 0);
  }
  return key;
}

}  // namespace

ColumnStats::ColumnStats(const AccountTable& accounts)
    : accounts_(accounts),
      sorted_(accounts.schema().string_column_count()),
      frequencies_(accounts.schema().string_column_count()),
      numeric_samples_(kNumericCount) {}

const std::vector<uint32_t>& ColumnStats::SortedValues(int column) {
  if (!sorted_[column]) {
    // Sorted on (first 8 bytes as a big-endian integer, value id), comparing whole texts only
    // when the leading bytes tie: several times faster than comparing strings throughout.
    const StringColumn& c = accounts_.strings(column);
    std::vector<std::pair<uint64_t, uint32_t>> keyed;
    keyed.reserve(c.distinct_count());
    for (uint32_t v = 1; v < c.distinct_count(); ++v) {  // kAbsentValue (0) never matches
      keyed.emplace_back(LeadingBytes(c.Text(v)), v);
    }
    std::sort(keyed.begin(), keyed.end(), [&c](const auto& a, const auto& b) {
      if (a.first != b.first) return a.first < b.first;
      return c.Text(a.second) < c.Text(b.second);
    });
    std::vector<uint32_t> ids;
    ids.reserve(keyed.size());
    for (const auto& [key, value] : keyed) ids.push_back(value);
    sorted_[column] = std::move(ids);
  }
  return *sorted_[column];
}

const std::vector<uint32_t>& ColumnStats::Frequencies(int column) {
  if (!frequencies_[column]) {
    const StringColumn& c = accounts_.strings(column);
    std::vector<uint32_t> counts(c.distinct_count(), 0);
    for (Row row = 0; row < accounts_.size(); ++row) ++counts[c.ValueAt(row)];
    frequencies_[column] = std::move(counts);
  }
  return *frequencies_[column];
}

std::vector<uint32_t> ColumnStats::MatchingValues(const CompiledPredicate& p) {
  if (p.never) return {};
  switch (p.kind) {
    case PredicateKind::kEquals: return {p.value};
    case PredicateKind::kInList:
    case PredicateKind::kNamedAccounts: return p.values;
    default: break;
  }
  // kPrefix and kPostalRange: in text order, the values whose first L characters are at
  // least the lower bound form one run (truncation preserves lexicographic order).
  const StringColumn& c = accounts_.strings(p.column);
  const std::vector<uint32_t>& sorted = SortedValues(p.column);
  const std::string_view low = p.text;
  auto first = std::lower_bound(sorted.begin(), sorted.end(), low, [&](uint32_t v, std::string_view bound) {
    return c.Text(v).substr(0, bound.size()) < bound;
  });
  std::vector<uint32_t> matched;
  for (auto it = first; it != sorted.end(); ++it) {
    const std::string_view text = c.Text(*it);
    if (p.kind == PredicateKind::kPrefix) {
      if (!text.starts_with(low)) break;
    } else {
      if (std::string_view(p.to) < text.substr(0, p.to.size())) break;
      if (!PostalCodeInRange(text, p.text, p.to)) continue;  // shorter than the bounds
    }
    matched.push_back(*it);
  }
  return matched;
}

uint64_t ColumnStats::RowsWith(int column, const std::vector<uint32_t>& values) {
  const std::vector<uint32_t>& counts = Frequencies(column);
  uint64_t rows = 0;
  for (uint32_t v : values) rows += counts[v];
  return rows;
}

const std::vector<int64_t>& ColumnStats::NumericSample(int column) {
  if (!numeric_samples_[column]) {
    const uint64_t rows = accounts_.size();
    const uint64_t n = std::min<uint64_t>(rows, kNumericSample);
    std::vector<int64_t> sample(n);
    for (uint64_t i = 0; i < n; ++i) sample[i] = accounts_.Micros(column, static_cast<Row>(i * rows / n));
    std::sort(sample.begin(), sample.end());
    numeric_samples_[column] = std::move(sample);
  }
  return *numeric_samples_[column];
}

uint64_t ColumnStats::EstimateRowsInRange(int column, int64_t min, int64_t max) {
  const std::vector<int64_t>& sample = NumericSample(column);
  if (sample.empty()) return 0;
  const auto in_range = std::upper_bound(sample.begin(), sample.end(), max) -
                        std::lower_bound(sample.begin(), sample.end(), min);
  return static_cast<uint64_t>(std::max<int64_t>(0, in_range)) * accounts_.size() / sample.size();
}

}  // namespace attain::planning::territory
