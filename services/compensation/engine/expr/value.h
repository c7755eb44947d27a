#pragma once
// The values an expression computes with. A Value is small and trivially copyable: a
// String value *views* text it does not own (a binding's text or a literal of the compiled
// expression), so setting bindings and evaluating copy no text. The viewed text must
// outlive the Value.

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "common/money/decimal.h"

namespace attain::compensation::expr {

enum class ValueType : uint8_t { kDecimal, kBool, kString };

// "Decimal", "Bool", "String": the names plan authors see in error messages.
std::string_view TypeName(ValueType type);

class Value {
 public:
  // An unbound value: what a Bindings slot holds until it is set. Reading an unbound
  // variable is an evaluation error, never a silent zero.
  constexpr Value() = default;
  static constexpr Value FromDecimal(money::Decimal d) { return Value(ValueType::kDecimal, d); }
  static constexpr Value FromBool(bool b) {
    Value v(ValueType::kBool, money::Decimal());
    v.boolean_ = b;
    return v;
  }
  static constexpr Value FromString(std::string_view text) {
    Value v(ValueType::kString, money::Decimal());
    v.text_ = text;
    return v;
  }

  constexpr bool bound() const { return bound_; }
  // Meaningful only when bound().
  constexpr ValueType type() const { return type_; }
  // Each accessor requires the matching type; asking for another is a programming error
  // and aborts. Inline: the evaluator reads every variable through them.
  money::Decimal decimal() const {
    Require(ValueType::kDecimal);
    return decimal_;
  }
  bool boolean() const {
    Require(ValueType::kBool);
    return boolean_;
  }
  std::string_view string() const {
    Require(ValueType::kString);
    return text_;
  }

  // 12.5, true, "Cloud" (quoted, with \" and \\ escaped), or <unbound>.
  std::string DebugString() const;

  // Same binding state, same type and same value (strings compare their bytes).
  friend bool operator==(const Value& a, const Value& b);

 private:
  constexpr Value(ValueType type, money::Decimal d) : bound_(true), type_(type), decimal_(d) {}
  // A wrong-type read means the caller ignored the expression's result type: a broken
  // invariant, so stop rather than return a made-up value.
  void Require(ValueType wanted) const {
    if (!bound_ || type_ != wanted) std::abort();
  }

  bool bound_ = false;
  ValueType type_ = ValueType::kDecimal;
  bool boolean_ = false;
  money::Decimal decimal_;
  std::string_view text_;
};

}  // namespace attain::compensation::expr
