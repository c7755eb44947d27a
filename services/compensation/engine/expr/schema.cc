#include "services/compensation/engine/expr/schema.h"

#include <algorithm>

#include "absl/hash/hash.h"
#include "absl/strings/str_cat.h"
#include "services/compensation/engine/expr/absl_view.h"

namespace attain::compensation::expr {

SlotLayout::SlotLayout(const Schema& schema)
    : slots_(schema.variables.begin(), schema.variables.end()) {
  std::sort(slots_.begin(), slots_.end());
  fingerprint_ = absl::HashOf(slots_);
}

std::optional<int> SlotLayout::SlotOf(std::string_view name) const {
  const auto it =
      std::lower_bound(slots_.begin(), slots_.end(), name,
                       [](const std::pair<std::string, ValueType>& slot, std::string_view n) {
                         return std::string_view(slot.first) < n;
                       });
  if (it == slots_.end() || it->first != name) return std::nullopt;
  return static_cast<int>(it - slots_.begin());
}

Bindings::Bindings(const Schema& schema) : Bindings(SlotLayout(schema)) {}

Bindings::Bindings(SlotLayout layout) : layout_(std::move(layout)), values_(layout_.size()) {}

absl::Status Bindings::Set(std::string_view name, Value value) {
  const std::optional<int> slot = layout_.SlotOf(name);
  if (!slot.has_value()) {
    return absl::InvalidArgumentError(
        absl::StrCat("the schema has no variable '", AbslView(name), "'"));
  }
  return SetSlot(*slot, value);
}

absl::Status Bindings::SetSlot(int slot, Value value) {
  if (slot < 0 || slot >= layout_.size()) {
    return absl::InvalidArgumentError(
        absl::StrCat("no slot ", slot, " in a schema of ", layout_.size(), " variables"));
  }
  if (value.bound() && value.type() != layout_.TypeOf(slot)) {
    return absl::InvalidArgumentError(absl::StrCat("variable '", layout_.NameOf(slot), "' is ",
                                                   AbslView(TypeName(layout_.TypeOf(slot))),
                                                   ", not ", AbslView(TypeName(value.type()))));
  }
  values_[slot] = value;
  return absl::OkStatus();
}

void Bindings::Clear() { std::fill(values_.begin(), values_.end(), Value()); }

}  // namespace attain::compensation::expr
