#pragma once
// What an expression may read: the caller's variables and their types, and the slots their
// values are passed in. Slots are the schema's variables sorted by name (bytewise), so every
// expression compiled against a schema and every Bindings made from it agree on them.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/types/span.h"
#include "services/compensation/engine/expr/value.h"

namespace attain::compensation::expr {

struct Schema {
  absl::flat_hash_map<std::string, ValueType> variables;
};

// A schema in slot order.
class SlotLayout {
 public:
  explicit SlotLayout(const Schema& schema);

  int size() const { return static_cast<int>(slots_.size()); }
  // nullopt for a name the schema does not have.
  std::optional<int> SlotOf(std::string_view name) const;
  const std::string& NameOf(int slot) const { return slots_[slot].first; }
  ValueType TypeOf(int slot) const { return slots_[slot].second; }
  // Equal for layouts of equal schemas (within one process): lets an expression refuse
  // bindings made for another schema.
  uint64_t fingerprint() const { return fingerprint_; }

 private:
  std::vector<std::pair<std::string, ValueType>> slots_;  // sorted by name
  uint64_t fingerprint_ = 0;
};

// The values of one evaluation, e.g. one transaction. Reuse one Bindings across rows:
// setting a value copies 32 bytes and never allocates. String values view the caller's text
// (value.h), which must outlive the evaluations that read it.
class Bindings {
 public:
  // Every slot starts unbound.
  explicit Bindings(const Schema& schema);
  explicit Bindings(SlotLayout layout);

  // Unknown name, or a value whose type differs from the schema's -> INVALID_ARGUMENT.
  absl::Status Set(std::string_view name, Value value);
  // As Set, by slot (see layout().SlotOf), for hot loops that should not hash names.
  absl::Status SetSlot(int slot, Value value);
  // Unbinds every slot, so a value left over from the previous row cannot leak into this one.
  void Clear();

  const SlotLayout& layout() const { return layout_; }
  absl::Span<const Value> slots() const { return values_; }

 private:
  SlotLayout layout_;
  std::vector<Value> values_;
};

}  // namespace attain::compensation::expr
