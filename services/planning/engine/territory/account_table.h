#pragma once
// Accounts held column by column for fast rule evaluation. Each string column interns its
// values (value id 0 is "absent"), so an equals test is an integer compare and an index can
// keep one candidate list per distinct value rather than per account.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "common/money/decimal.h"
#include "services/planning/engine/territory/attributes.h"

namespace attain::planning::territory {

// One account as loaded. Amounts are in the plan's reporting currency (conversion is the
// loader's job). Empty strings mean "absent"; no string predicate matches an absent value.
struct Account {
  std::string id;
  std::string name;
  std::string parent_id;  // empty: no parent account
  std::string country;
  std::string region;
  std::string state;
  std::string postal_code;  // stored normalized (see postal_code.h)
  std::string industry;
  std::string segment;
  int64_t employee_count = 0;
  money::Decimal annual_revenue;
  money::Decimal potential;
  money::Decimal workload;
  absl::flat_hash_map<std::string, std::string> custom;  // declared custom attributes only
};

using Row = uint32_t;
inline constexpr uint32_t kAbsentValue = 0;

// The distinct values of one string attribute and each row's value id.
class StringColumn {
 public:
  StringColumn();
  void Append(std::string_view text);
  // Value id of `text`, nullopt when no row holds it ("" is kAbsentValue).
  std::optional<uint32_t> Find(std::string_view text) const;
  std::string_view Text(uint32_t value) const { return texts_[value]; }
  uint32_t ValueAt(Row row) const { return rows_[row]; }
  uint32_t distinct_count() const { return static_cast<uint32_t>(texts_.size()); }
  void Reserve(size_t rows) { rows_.reserve(rows); }

 private:
  std::vector<std::string> texts_;
  absl::flat_hash_map<std::string, uint32_t> ids_;
  std::vector<uint32_t> rows_;
};

class AccountTable {
 public:
  explicit AccountTable(AttributeSchema schema = {});

  // Appends a row. Empty or duplicate id, or an undeclared custom attribute -> INVALID_ARGUMENT
  // (the table is unchanged).
  absl::Status Add(const Account& account);
  void Reserve(size_t rows);

  Row size() const { return size_; }
  const AttributeSchema& schema() const { return schema_; }
  std::optional<Row> FindRow(std::string_view account_id) const;

  const StringColumn& strings(int column) const { return strings_[column]; }
  // The view is valid until the next Add.
  std::string_view Text(int column, Row row) const {
    const StringColumn& c = strings_[column];
    return c.Text(c.ValueAt(row));
  }
  // Numeric values as Decimal micro-units (employee_count as a whole number of units).
  int64_t Micros(int column, Row row) const { return numbers_[column][row]; }

 private:
  AttributeSchema schema_;
  std::vector<StringColumn> strings_;
  std::vector<std::vector<int64_t>> numbers_;
  Row size_ = 0;
};

}  // namespace attain::planning::territory
