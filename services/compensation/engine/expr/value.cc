#include "services/compensation/engine/expr/value.h"

#include "services/compensation/engine/expr/quote.h"

namespace attain::compensation::expr {

std::string_view TypeName(ValueType type) {
  switch (type) {
    case ValueType::kDecimal:
      return "Decimal";
    case ValueType::kBool:
      return "Bool";
    case ValueType::kString:
      return "String";
  }
  return "?";
}

std::string Value::DebugString() const {
  if (!bound_) return "<unbound>";
  switch (type_) {
    case ValueType::kDecimal:
      return decimal_.ToString();
    case ValueType::kBool:
      return boolean_ ? "true" : "false";
    case ValueType::kString:
      return Quote(text_);
  }
  return "?";
}

bool operator==(const Value& a, const Value& b) {
  if (a.bound_ != b.bound_) return false;
  if (!a.bound_) return true;
  if (a.type_ != b.type_) return false;
  switch (a.type_) {
    case ValueType::kDecimal:
      return a.decimal_ == b.decimal_;
    case ValueType::kBool:
      return a.boolean_ == b.boolean_;
    case ValueType::kString:
      return a.text_ == b.text_;
  }
  return false;
}

}  // namespace attain::compensation::expr
