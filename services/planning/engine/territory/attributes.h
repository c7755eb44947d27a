#pragma once
// The account attributes a predicate can test: the built-ins every account has, plus custom
// string attributes the caller declares. A name resolves to a column of the AccountTable.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"

namespace attain::planning::territory {

enum class ValueKind { kString, kNumber };

// Built-in string attributes; the enum value is the table's string column.
enum class StringAttribute : int {
  kId, kName, kParentId, kCountry, kRegion, kState, kPostalCode, kIndustry, kSegment
};
inline constexpr int kBuiltinStringCount = 9;

// Built-in numeric attributes (Decimal values); the enum value is the table's numeric column.
enum class NumericAttribute : int { kEmployeeCount, kAnnualRevenue, kPotential, kWorkload };
inline constexpr int kNumericCount = 4;

inline constexpr int Column(StringAttribute a) { return static_cast<int>(a); }
inline constexpr int Column(NumericAttribute a) { return static_cast<int>(a); }

struct AttributeRef {
  ValueKind kind = ValueKind::kString;
  int column = 0;
  friend bool operator==(AttributeRef, AttributeRef) = default;
};

// Built-in names: id, name, parent_id, country, region, state, postal_code, industry, segment
// (strings); employee_count, annual_revenue, potential, workload (numbers). Custom attributes
// are strings, in columns kBuiltinStringCount + i in declaration order.
class AttributeSchema {
 public:
  AttributeSchema() = default;  // built-ins only
  // Empty, duplicate or built-in names -> INVALID_ARGUMENT.
  static absl::StatusOr<AttributeSchema> WithCustom(std::vector<std::string> names);

  // nullopt when the name is neither built-in nor declared.
  std::optional<AttributeRef> Resolve(std::string_view name) const;
  std::string_view NameOf(AttributeRef attribute) const;
  std::optional<int> CustomColumn(std::string_view name) const;

  int string_column_count() const { return kBuiltinStringCount + static_cast<int>(custom_.size()); }
  const std::vector<std::string>& custom() const { return custom_; }

 private:
  std::vector<std::string> custom_;
  absl::flat_hash_map<std::string, int> custom_columns_;
};

}  // namespace attain::planning::territory
