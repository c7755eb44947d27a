#pragma once
// Splits source text into tokens, each with the line and column where it starts.
// Whitespace separates tokens; '#' starts a comment that runs to the end of the line.

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "common/money/decimal.h"
#include "services/compensation/engine/expr/error.h"

namespace attain::compensation::expr {

enum class TokenKind {
  kNumber,      // 12, 0.035 (never signed: '-' is an operator)
  kString,      // "Cloud"
  kIdentifier,  // attainment, txn.product_family, min
  kTrue,
  kFalse,
  kAnd,
  kOr,
  kNot,
  kIn,
  kLeftParen,
  kRightParen,
  kComma,
  kPlus,
  kMinus,
  kStar,
  kSlash,
  kEqual,
  kNotEqual,
  kLess,
  kLessEqual,
  kGreater,
  kGreaterEqual,
  kEnd,  // after the last token; its position is just past the last character
};

struct Token {
  TokenKind kind = TokenKind::kEnd;
  Position position;
  std::string_view lexeme;  // the token's source text (a view into the source)
  money::Decimal number;    // kNumber
  std::string text;         // kString: the text with escapes resolved
};

// The tokens of `source`, ending with one kEnd. Malformed input (a stray character, an
// unclosed string, a number with more than 6 fractional digits, ...) -> INVALID_ARGUMENT
// at the offending character.
absl::StatusOr<std::vector<Token>> Lex(std::string_view source);

// How a token is named in "expected ..., found ..." messages: "')'", "the number 12",
// "the name 'x'", "the end of the expression".
std::string Describe(const Token& token);

}  // namespace attain::compensation::expr

namespace attain::compensation::expr {

// Line and column of byte `offset` of `source` (offset may be source.size()).
Position PositionAt(std::string_view source, size_t offset);

}  // namespace attain::compensation::expr
