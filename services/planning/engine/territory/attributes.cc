#include "services/planning/engine/territory/attributes.h"

#include <array>

#include "absl/status/status.h"

namespace attain::planning::territory {
namespace {

constexpr std::array<std::string_view, kBuiltinStringCount> kStringNames = {
    "id", "name", "parent_id", "country", "region", "state", "postal_code", "industry", "segment"};
constexpr std::array<std::string_view, kNumericCount> kNumericNames = {
    "employee_count", "annual_revenue", "potential", "workload"};

std::optional<AttributeRef> ResolveBuiltin(std::string_view name) {
  for (int i = 0; i < kBuiltinStringCount; ++i) {
    if (kStringNames[i] == name) return AttributeRef{ValueKind::kString, i};
  }
  for (int i = 0; i < kNumericCount; ++i) {
    if (kNumericNames[i] == name) return AttributeRef{ValueKind::kNumber, i};
  }
  return std::nullopt;
}

}  // namespace

absl::StatusOr<AttributeSchema> AttributeSchema::WithCustom(std::vector<std::string> names) {
  AttributeSchema schema;
  for (std::string& name : names) {
    if (name.empty()) return absl::InvalidArgumentError("custom attribute name is empty");
    if (ResolveBuiltin(name)) {
      return absl::InvalidArgumentError("custom attribute \"" + name + "\" is a built-in name");
    }
    const int column = schema.string_column_count();
    if (!schema.custom_columns_.emplace(name, column).second) {
      return absl::InvalidArgumentError("custom attribute \"" + name + "\" declared twice");
    }
    schema.custom_.push_back(std::move(name));
  }
  return schema;
}

std::optional<AttributeRef> AttributeSchema::Resolve(std::string_view name) const {
  if (auto builtin = ResolveBuiltin(name)) return builtin;
  if (auto column = CustomColumn(name)) return AttributeRef{ValueKind::kString, *column};
  return std::nullopt;
}

std::optional<int> AttributeSchema::CustomColumn(std::string_view name) const {
  auto it = custom_columns_.find(std::string(name));
  if (it == custom_columns_.end()) return std::nullopt;
  return it->second;
}

std::string_view AttributeSchema::NameOf(AttributeRef attribute) const {
  if (attribute.kind == ValueKind::kNumber) return kNumericNames[attribute.column];
  if (attribute.column < kBuiltinStringCount) return kStringNames[attribute.column];
  return custom_[attribute.column - kBuiltinStringCount];
}

}  // namespace attain::planning::territory
