#pragma once
// What crediting reads, in memory and indexed: transactions, and the effective-dated
// organization they are credited through (reporting lines, account territories, territory
// coverage). Sellers, accounts and territories are dense indices assigned by the loader;
// days are absl::CivilDay numbers so date checks are integer compares.

#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "common/money/decimal.h"
#include "services/compensation/engine/plan/plan.h"

namespace attain::compensation::credit {

using money::Decimal;
using Day = int32_t;  // days since 1970-01-01
inline constexpr Day kOpenEnd = std::numeric_limits<Day>::max();
inline constexpr uint32_t kNone = std::numeric_limits<uint32_t>::max();

Day ToDay(absl::CivilDay day);

// Inclusive day range; `last` = kOpenEnd when open-ended.
struct DayRange {
  Day first = 0;
  Day last = kOpenEnd;
  bool Contains(Day day) const { return first <= day && day <= last; }
};

// A seller's share of a transaction set on the transaction itself.
struct SplitShare {
  uint32_t seller = kNone;
  bool overlay = false;  // overlay shares sit on top of the 100 %
  Decimal fraction;      // 0 < fraction <= 1
};

// 48 bytes: a run holds tens of millions. A transaction's explicit split list lives in the
// run's split table (one vector of SplitShare beside the transactions), `split_count` shares
// from `split_offset`; its product family is the run's family of its product.
struct Transaction {
  Decimal amount;  // in the plan currency (converted by the loader)
  Decimal margin;
  Decimal quantity;
  Day date = 0;
  uint32_t account = kNone;
  uint32_t product = kNone;       // dense product index
  uint32_t owner = kNone;         // optional owner seller
  uint32_t split_offset = 0;      // into the run's split table
  uint16_t split_count = 0;       // 0 = no explicit split list
  plan::TransactionType type : 8 = plan::TransactionType::kOrder;
};
static_assert(sizeof(Transaction) == 48);

// The most shares one transaction's split list can hold.
inline constexpr size_t kMaxSplitShares = std::numeric_limits<uint16_t>::max();

// The transaction's explicit split list within the run's split table.
inline std::span<const SplitShare> SplitsOf(const Transaction& t,
                                            std::span<const SplitShare> table) {
  return table.subspan(t.split_offset, t.split_count);
}

// Appends `shares` (at most kMaxSplitShares) to `table` as `t`'s split list.
inline void AttachSplits(const std::vector<SplitShare>& shares, std::vector<SplitShare>& table,
                         Transaction& t) {
  t.split_offset = static_cast<uint32_t>(table.size());
  t.split_count = static_cast<uint16_t>(shares.size());
  table.insert(table.end(), shares.begin(), shares.end());
}

// One reporting line: `seller` reports to `manager` over `when`.
struct ReportingLine {
  uint32_t seller = kNone;
  uint32_t manager = kNone;
  DayRange when;
};

// An account's territory of one type over a period.
struct AccountTerritory {
  uint32_t account = kNone;
  uint32_t territory = kNone;
  bool overlay = false;  // an overlay-type territory
  DayRange when;
};

// A seller covering a territory.
struct Coverage {
  uint32_t territory = kNone;
  uint32_t seller = kNone;
  Decimal fraction;      // split as a fraction of 1
  bool overlay = false;  // overlay role
  DayRange when;
};

struct RollUpPolicy {
  int max_depth = 0;                  // 0 = no roll-up; 1 = direct manager only; ...
  std::vector<bool> receives;         // by seller index; empty = every manager receives
};

}  // namespace attain::compensation::credit
