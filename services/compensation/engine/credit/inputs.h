#pragma once
// What crediting reads, in memory and indexed: transactions, and the effective-dated
// organization they are credited through (reporting lines, account territories, territory
// coverage). Sellers, accounts and territories are dense indices assigned by the loader;
// days are absl::CivilDay numbers so date checks are integer compares.

#include <cstdint>
#include <limits>
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
  Decimal fraction;      // 0 < fraction <= 1
  bool overlay = false;  // overlay shares sit on top of the 100 %
};

struct Transaction {
  plan::TransactionType type = plan::TransactionType::kOrder;
  Day date = 0;
  uint32_t account = kNone;
  uint32_t product = kNone;  // dense product index
  uint32_t family = kNone;   // dense product family index
  Decimal amount;    // in the plan currency (converted by the loader)
  Decimal margin;
  Decimal quantity;
  uint32_t owner = kNone;           // optional owner seller
  std::vector<SplitShare> splits;   // optional explicit split list
};

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
