#pragma once
// What ExportCreditingData sends, in domain form: the effective-dated organization of a date
// range with every interval already clipped to the range (so every interval is closed).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "common/money/decimal.h"

namespace attain::planning::crediting {

// Inclusive days [first, last].
struct DaySpan {
  absl::CivilDay first;
  absl::CivilDay last;
  friend bool operator==(const DaySpan&, const DaySpan&) = default;
};

struct SellerRecord {
  std::string seller_id;
  std::string title;
  absl::CivilDay hire_date;
  std::optional<absl::CivilDay> termination_date;  // not clipped
  friend bool operator==(const SellerRecord&, const SellerRecord&) = default;
};

struct LineRecord {
  std::string seller_id;
  std::string manager_id;
  DaySpan when;
  friend bool operator==(const LineRecord&, const LineRecord&) = default;
};

struct AccountTerritoryRecord {
  std::string account_id;
  std::string territory_type;  // "GEOGRAPHIC", "NAMED_ACCOUNT" or "OVERLAY"
  std::string territory_id;
  DaySpan when;
  friend bool operator==(const AccountTerritoryRecord&, const AccountTerritoryRecord&) = default;
};

struct CoverageRecord {
  std::string territory_id;
  std::string seller_id;
  std::string role;  // "PRIMARY" or "OVERLAY"
  money::Decimal fraction;
  DaySpan when;
  friend bool operator==(const CoverageRecord&, const CoverageRecord&) = default;
};

struct ProductRecord {
  std::string product_id;
  std::string family;
  friend bool operator==(const ProductRecord&, const ProductRecord&) = default;
};

struct CreditingData {
  int64_t sequence = 0;  // planning's last published event sequence in the same snapshot
  std::vector<SellerRecord> sellers;
  std::vector<LineRecord> lines;
  std::vector<AccountTerritoryRecord> account_territories;
  std::vector<CoverageRecord> coverage;
  std::vector<ProductRecord> products;
};

}  // namespace attain::planning::crediting
