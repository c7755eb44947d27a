#pragma once
// The compiled form of a RuleSet over one AccountTable. Each rule is filed under one
// discriminating predicate -- the one matching the fewest rows (exact counts for string
// predicates, a sampled estimate for numeric ranges; strings win ties), or "always" for a
// rule without predicates -- and evaluating an account visits only the rules filed under its
// own values:
//   string columns: one candidate list per distinct value and territory type (equals, in-list
//     and named accounts by value id; prefix and postal ranges resolved per distinct value
//     at build time);
//   numeric columns: one list per elementary interval between range bounds and type.
// Lists are in rank order, so a list is abandoned at the first rule that matches or that
// could no longer beat the best match of its type. Results equal NaiveAssign exactly.

#include <cstdint>
#include <memory>
#include <vector>

#include "services/planning/engine/territory/account_table.h"
#include "services/planning/engine/territory/assignments.h"
#include "services/planning/engine/territory/compiled_predicate.h"
#include "services/planning/engine/territory/rule_set.h"

namespace attain::planning::territory {

struct RuleIndexStats {
  uint32_t rules = 0;           // in the rule set
  uint32_t unmatchable = 0;     // a predicate no account of the table can satisfy
  uint32_t by_string = 0;       // filed under a string predicate
  uint32_t by_number = 0;       // filed under a numeric range (the more selective one)
  uint32_t always = 0;          // no predicates
  uint32_t distinct_lists = 0;  // candidate lists after deduplication
  uint64_t list_entries = 0;    // total entries of those lists
};

class RuleIndex {
 public:
  // `accounts` must outlive the index and not change.
  static RuleIndex Build(std::shared_ptr<const RuleSet> rules, const AccountTable& accounts);

  WinnerRanks Evaluate(Row row) const;
  // Every row, over `threads` contiguous slices; identical results for any thread count.
  Assignments AssignAll(int threads = 2) const;
  const RuleIndexStats& stats() const { return stats_; }

 private:
  struct Candidate {  // per rank: the predicates other than the discriminating one
    uint32_t residual_begin = 0, residual_end = 0;  // into residuals_
  };
  // A residual predicate, with the common kinds inline so the hot loop stays in cache.
  struct Residual {
    enum class Kind : uint8_t { kEquals, kRange, kOther } kind = Kind::kOther;
    int column = 0;
    uint32_t value = 0;        // kEquals: the value id; kOther: index into others_
    int64_t min = 0, max = 0;  // kRange
  };
  // Compressed, deduplicated lists: key k (a value id or an interval) has list
  // l = list_of_key[k], whose candidates of type t are
  // ranks[starts[l * kTerritoryTypeCount + t] .. starts[l * kTerritoryTypeCount + t + 1]).
  // Keys sharing a candidate list (every ZIP code of one range) share its storage, which
  // keeps the lists in cache.
  struct Lists {
    int column = 0;
    std::vector<uint32_t> list_of_key;
    std::vector<uint32_t> starts;
    std::vector<uint32_t> ranks;
    std::vector<int64_t> bounds;  // numeric only: key of x = upper_bound(bounds, x)
  };
  class Builder;

  RuleIndex(std::shared_ptr<const RuleSet> rules, const AccountTable& accounts)
      : rules_(std::move(rules)), accounts_(&accounts) {}
  bool ResidualsMatch(uint32_t rank, Row row) const;
  void ScanKey(const Lists& lists, size_t key, Row row, WinnerRanks& best) const;

  std::shared_ptr<const RuleSet> rules_;
  const AccountTable* accounts_;
  std::vector<Candidate> candidates_;
  std::vector<Residual> residuals_;
  std::vector<CompiledPredicate> others_;
  std::vector<Lists> by_string_;
  std::vector<Lists> by_number_;
  std::vector<uint32_t> always_;
  RuleIndexStats stats_;
};

}  // namespace attain::planning::territory
