#include "services/planning/engine/territory/rule_index.h"

#include <algorithm>
#include <limits>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/hash/hash.h"
#include "services/planning/engine/territory/column_stats.h"
#include "services/planning/engine/territory/row_slices.h"

namespace attain::planning::territory {
namespace {

constexpr int kTypes = kTerritoryTypeCount;

struct Entry {  // one rule filed under one key of a column
  uint32_t key;
  uint32_t rank;
  int type;
};

}  // namespace

class RuleIndex::Builder {
 public:
  explicit Builder(RuleIndex& index)
      : index_(index),
        column_stats_(*index.accounts_),
        string_entries_(index.accounts_->schema().string_column_count()),
        numeric_ranges_(kNumericCount) {}

  // Rules must be added in rank order, so every list comes out rank-ascending.
  void Add(uint32_t rank) {
    const EffectiveRule& rule = index_.rules_->at(rank);
    std::vector<CompiledPredicate> compiled;
    for (const EffectivePredicate& p : rule.predicates) {
      compiled.push_back(Compile(p, *index_.accounts_));
      if (compiled.back().never) {
        ++index_.stats_.unmatchable;
        return;
      }
    }
    if (compiled.empty()) {
      index_.always_.push_back(rank);
      ++index_.stats_.always;
      return;
    }
    const size_t chosen = FileUnderDiscriminator(compiled, rank, static_cast<int>(rule.type));
    Candidate& candidate = index_.candidates_[rank];
    candidate.residual_begin = static_cast<uint32_t>(index_.residuals_.size());
    for (size_t i = 0; i < compiled.size(); ++i) {
      if (i != chosen) index_.residuals_.push_back(MakeResidual(std::move(compiled[i])));
    }
    candidate.residual_end = static_cast<uint32_t>(index_.residuals_.size());
  }

  void Finish() {
    for (int column = 0; column < static_cast<int>(string_entries_.size()); ++column) {
      if (string_entries_[column].empty()) continue;
      Lists& lists = index_.by_string_.emplace_back();
      lists.column = column;
      Compress(string_entries_[column], index_.accounts_->strings(column).distinct_count(), lists);
    }
    for (int column = 0; column < kNumericCount; ++column) {
      if (!numeric_ranges_[column].empty()) FinishNumericColumn(column);
    }
    for (const auto* all : {&index_.by_string_, &index_.by_number_}) {
      for (const Lists& lists : *all) {
        index_.stats_.distinct_lists += static_cast<uint32_t>(lists.starts.size() / kTypes - 1);
        index_.stats_.list_entries += lists.ranks.size();
      }
    }
  }

 private:
  struct NumericRange {
    int64_t min, max;
    uint32_t rank;
    int type;
  };

  Residual MakeResidual(CompiledPredicate p) {
    Residual r;
    r.column = p.column;
    if (p.value_kind == ValueKind::kNumber) {
      r.kind = Residual::Kind::kRange;
      r.min = p.min;
      r.max = p.max;
    } else if (p.kind == PredicateKind::kEquals) {
      r.kind = Residual::Kind::kEquals;
      r.value = p.value;
    } else {
      r.value = static_cast<uint32_t>(index_.others_.size());
      index_.others_.push_back(std::move(p));
    }
    return r;
  }

  uint64_t EstimateRows(const CompiledPredicate& p, std::vector<uint32_t>* values) {
    if (p.value_kind == ValueKind::kNumber) {
      return column_stats_.EstimateRowsInRange(p.column, p.min, p.max);
    }
    *values = column_stats_.MatchingValues(p);
    return column_stats_.RowsWith(p.column, *values);
  }

  // Files the rule under the predicate matching the fewest rows (the first on ties, string
  // predicates before numeric ones). Returns the chosen predicate's position.
  size_t FileUnderDiscriminator(const std::vector<CompiledPredicate>& compiled, uint32_t rank,
                                int type) {
    size_t chosen = 0;
    uint64_t fewest_rows = std::numeric_limits<uint64_t>::max();
    std::vector<uint32_t> chosen_values;
    for (ValueKind kind : {ValueKind::kString, ValueKind::kNumber}) {
      for (size_t i = 0; i < compiled.size(); ++i) {
        if (compiled[i].value_kind != kind) continue;
        std::vector<uint32_t> values;
        const uint64_t rows = EstimateRows(compiled[i], &values);
        if (rows < fewest_rows) {
          chosen = i;
          fewest_rows = rows;
          chosen_values = std::move(values);
        }
      }
    }
    const CompiledPredicate& p = compiled[chosen];
    if (p.value_kind == ValueKind::kString) {
      for (uint32_t value : chosen_values) string_entries_[p.column].push_back({value, rank, type});
      ++index_.stats_.by_string;
    } else {
      numeric_ranges_[p.column].push_back({p.min, p.max, rank, type});
      ++index_.stats_.by_number;
    }
    return chosen;
  }

  // Stable counting sort on (key, type): entries stay in rank order within each group.
  static void GroupByKeyThenType(std::vector<Entry>& entries, size_t key_count) {
    std::vector<uint32_t> next(key_count + 1, 0);
    for (const Entry& e : entries) ++next[e.key + 1];
    for (size_t k = 1; k < next.size(); ++k) next[k] += next[k - 1];
    std::vector<Entry> grouped(entries.size());
    for (const Entry& e : entries) grouped[next[e.key]++] = e;
    for (size_t begin = 0, end = 0; begin < grouped.size(); begin = end) {
      end = begin + 1;
      while (end < grouped.size() && grouped[end].key == grouped[begin].key) ++end;
      std::stable_sort(grouped.begin() + begin, grouped.begin() + end,
                       [](const Entry& a, const Entry& b) { return a.type < b.type; });
    }
    entries = std::move(grouped);
  }

  // Entries (in rank order) -> one deduplicated candidate list per key in [0, key_count).
  static void Compress(std::vector<Entry>& entries, size_t key_count, Lists& lists) {
    GroupByKeyThenType(entries, key_count);
    lists.list_of_key.assign(key_count, 0);
    lists.starts.assign(kTypes + 1, 0);  // list 0 is empty
    absl::flat_hash_map<std::vector<uint32_t>, uint32_t> list_ids;  // contents -> list
    std::vector<uint32_t> contents;  // per type its count, then the ranks
    for (size_t begin = 0, end = 0; begin < entries.size(); begin = end) {
      contents.assign(kTypes, 0);
      for (end = begin; end < entries.size() && entries[end].key == entries[begin].key; ++end) {
        ++contents[entries[end].type];
        contents.push_back(entries[end].rank);
      }
      const uint32_t next_id = static_cast<uint32_t>(lists.starts.size() / kTypes);
      auto [it, inserted] = list_ids.try_emplace(contents, next_id);
      if (inserted) {
        lists.ranks.insert(lists.ranks.end(), contents.begin() + kTypes, contents.end());
        for (int type = 0; type < kTypes; ++type) {
          lists.starts.push_back(lists.starts.back() + contents[type]);
        }
      }
      lists.list_of_key[entries[begin].key] = it->second;
    }
  }

  // Elementary intervals: every range's min and max+1 is a bound, so each interval between
  // consecutive bounds lies wholly inside or outside every range.
  void FinishNumericColumn(int column) {
    const std::vector<NumericRange>& ranges = numeric_ranges_[column];
    Lists& lists = index_.by_number_.emplace_back();
    lists.column = column;
    for (const NumericRange& r : ranges) {
      if (r.min != std::numeric_limits<int64_t>::min()) lists.bounds.push_back(r.min);
      if (r.max != std::numeric_limits<int64_t>::max()) lists.bounds.push_back(r.max + 1);
    }
    std::sort(lists.bounds.begin(), lists.bounds.end());
    lists.bounds.erase(std::unique(lists.bounds.begin(), lists.bounds.end()), lists.bounds.end());
    const auto key_of = [&lists](int64_t x) {
      return static_cast<uint32_t>(std::upper_bound(lists.bounds.begin(), lists.bounds.end(), x) -
                                   lists.bounds.begin());
    };
    std::vector<Entry> entries;
    for (const NumericRange& r : ranges) {
      for (uint32_t k = key_of(r.min); k <= key_of(r.max); ++k) entries.push_back({k, r.rank, r.type});
    }
    Compress(entries, lists.bounds.size() + 1, lists);
  }

  RuleIndex& index_;
  ColumnStats column_stats_;
  std::vector<std::vector<Entry>> string_entries_;
  std::vector<std::vector<NumericRange>> numeric_ranges_;
};

RuleIndex RuleIndex::Build(std::shared_ptr<const RuleSet> rules, const AccountTable& accounts) {
  RuleIndex index(std::move(rules), accounts);
  const uint32_t count = index.rules_->size();
  index.stats_.rules = count;
  index.candidates_.resize(count);
  Builder builder(index);
  for (uint32_t rank = 0; rank < count; ++rank) builder.Add(rank);
  builder.Finish();
  return index;
}

bool RuleIndex::ResidualsMatch(uint32_t rank, Row row) const {
  const Candidate& candidate = candidates_[rank];
  for (uint32_t i = candidate.residual_begin; i < candidate.residual_end; ++i) {
    const Residual& r = residuals_[i];
    switch (r.kind) {
      case Residual::Kind::kEquals:
        if (accounts_->strings(r.column).ValueAt(row) != r.value) return false;
        break;
      case Residual::Kind::kRange: {
        const int64_t x = accounts_->Micros(r.column, row);
        if (x < r.min || x > r.max) return false;
        break;
      }
      case Residual::Kind::kOther:
        if (!Matches(others_[r.value], *accounts_, row)) return false;
        break;
    }
  }
  return true;
}

void RuleIndex::ScanKey(const Lists& lists, size_t key, Row row, WinnerRanks& best) const {
  const uint32_t* starts = &lists.starts[size_t{lists.list_of_key[key]} * kTypes];
  for (int type = 0; type < kTypes; ++type) {
    for (uint32_t i = starts[type]; i < starts[type + 1]; ++i) {
      const uint32_t rank = lists.ranks[i];
      if (rank >= best[type]) break;  // the rest of the list ranks lower still
      if (ResidualsMatch(rank, row)) {
        best[type] = rank;
        break;
      }
    }
  }
}

WinnerRanks RuleIndex::Evaluate(Row row) const {
  WinnerRanks best = kNoWinners;
  for (const Lists& lists : by_string_) {
    ScanKey(lists, accounts_->strings(lists.column).ValueAt(row), row, best);
  }
  for (const Lists& lists : by_number_) {
    const int64_t x = accounts_->Micros(lists.column, row);
    ScanKey(lists, std::upper_bound(lists.bounds.begin(), lists.bounds.end(), x) - lists.bounds.begin(),
            row, best);
  }
  for (uint32_t rank : always_) {
    uint32_t& winner = best[static_cast<int>(rules_->at(rank).type)];
    winner = std::min(winner, rank);
  }
  return best;
}

Assignments RuleIndex::AssignAll(int threads) const {
  std::vector<WinnerRanks> winners(accounts_->size());
  ForEachRowSlice(accounts_->size(), threads, [&](uint32_t begin, uint32_t end) {
    for (Row row = begin; row < end; ++row) winners[row] = Evaluate(row);
  });
  return Assignments(rules_, std::move(winners));
}

}  // namespace attain::planning::territory
