#include "services/compensation/engine/expr/lexer.h"

#include "absl/strings/str_cat.h"
#include "services/compensation/engine/expr/absl_view.h"

namespace attain::compensation::expr {
namespace {

constexpr int kMaxFractionDigits = 6;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsIdentifierStart(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
}
bool IsIdentifierPart(char c) { return IsIdentifierStart(c) || IsDigit(c) || c == '.'; }
// UTF-8 continuation bytes do not start a character, so they do not advance the column.
bool IsContinuationByte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Walks the source byte by byte, keeping the line and column of the current byte.
class Cursor {
 public:
  explicit Cursor(std::string_view source) : source_(source) {}

  bool done() const { return offset_ >= source_.size(); }
  char peek(size_t ahead = 0) const {
    return offset_ + ahead < source_.size() ? source_[offset_ + ahead] : '\0';
  }
  size_t offset() const { return offset_; }
  Position position() const { return position_; }
  void Advance() {
    const char c = source_[offset_++];
    if (c == '\n') {
      ++position_.line;
      position_.column = 1;
    } else if (!IsContinuationByte(c)) {
      ++position_.column;
    }
  }
  std::string_view Since(size_t start) const { return source_.substr(start, offset_ - start); }

 private:
  std::string_view source_;
  size_t offset_ = 0;
  Position position_;
};

// The whole UTF-8 character at the cursor, so a message never shows half of one.
std::string CharacterAt(const Cursor& cursor) {
  std::string out(1, cursor.peek());
  for (size_t i = 1; IsContinuationByte(cursor.peek(i)); ++i) out += cursor.peek(i);
  return out;
}

TokenKind KeywordOr(std::string_view word, TokenKind otherwise) {
  if (word == "and") return TokenKind::kAnd;
  if (word == "or") return TokenKind::kOr;
  if (word == "not") return TokenKind::kNot;
  if (word == "in") return TokenKind::kIn;
  if (word == "true") return TokenKind::kTrue;
  if (word == "false") return TokenKind::kFalse;
  return otherwise;
}

absl::Status LexNumber(Cursor& cursor, Token& token) {
  const size_t start = cursor.offset();
  while (IsDigit(cursor.peek())) cursor.Advance();
  if (cursor.peek() == '.') {
    cursor.Advance();
    int fraction_digits = 0;
    for (; IsDigit(cursor.peek()); cursor.Advance()) {
      if (++fraction_digits > kMaxFractionDigits) {
        return CompileErrorAt(cursor.position(), "a number has at most 6 fractional digits");
      }
    }
    if (fraction_digits == 0) {
      return CompileErrorAt(cursor.position(), "expected a digit after the decimal point");
    }
  }
  if (IsIdentifierPart(cursor.peek())) {
    return CompileErrorAt(cursor.position(),
                          absl::StrCat("unexpected '", CharacterAt(cursor), "' in a number"));
  }
  token.lexeme = cursor.Since(start);
  absl::StatusOr<money::Decimal> number = money::Decimal::Parse(token.lexeme);
  if (!number.ok()) {
    return CompileErrorAt(token.position, "number out of range (the largest is 9223372036854)");
  }
  token.number = *number;
  return absl::OkStatus();
}

absl::Status LexString(Cursor& cursor, Token& token) {
  const size_t start = cursor.offset();
  cursor.Advance();  // the opening quote
  while (true) {
    if (cursor.done() || cursor.peek() == '\n') {
      return CompileErrorAt(token.position, "string not closed on its line");
    }
    const char c = cursor.peek();
    if (c == '"') break;
    if (c == '\\') {
      const char next = cursor.peek(1);
      if (next != '"' && next != '\\') {
        return CompileErrorAt(cursor.position(), "the only escapes are \\\" and \\\\");
      }
      cursor.Advance();
    }
    token.text += cursor.peek();
    cursor.Advance();
  }
  cursor.Advance();  // the closing quote
  token.lexeme = cursor.Since(start);
  return absl::OkStatus();
}

// Operators and punctuation. Look-alikes from other languages get a hint instead of a bare
// "unexpected character".
absl::Status LexSymbol(Cursor& cursor, Token& token) {
  const size_t start = cursor.offset();
  const char c = cursor.peek();
  const bool then_equals = cursor.peek(1) == '=';
  int length = 1;
  switch (c) {
    case '(':
      token.kind = TokenKind::kLeftParen;
      break;
    case ')':
      token.kind = TokenKind::kRightParen;
      break;
    case ',':
      token.kind = TokenKind::kComma;
      break;
    case '+':
      token.kind = TokenKind::kPlus;
      break;
    case '-':
      token.kind = TokenKind::kMinus;
      break;
    case '*':
      token.kind = TokenKind::kStar;
      break;
    case '/':
      token.kind = TokenKind::kSlash;
      break;
    case '<':
      token.kind = then_equals ? TokenKind::kLessEqual : TokenKind::kLess;
      length = then_equals ? 2 : 1;
      break;
    case '>':
      token.kind = then_equals ? TokenKind::kGreaterEqual : TokenKind::kGreater;
      length = then_equals ? 2 : 1;
      break;
    case '=':
      if (!then_equals) return CompileErrorAt(token.position, "use '==' to compare");
      token.kind = TokenKind::kEqual;
      length = 2;
      break;
    case '!':
      if (!then_equals) return CompileErrorAt(token.position, "use 'not' to negate");
      token.kind = TokenKind::kNotEqual;
      length = 2;
      break;
    case '&':
      return CompileErrorAt(token.position, "use 'and'");
    case '|':
      return CompileErrorAt(token.position, "use 'or'");
    case '\'':
      return CompileErrorAt(token.position, "strings are written in double quotes");
    default:
      return CompileErrorAt(token.position,
                            absl::StrCat("unexpected character '", CharacterAt(cursor), "'"));
  }
  for (int i = 0; i < length; ++i) cursor.Advance();
  token.lexeme = cursor.Since(start);
  return absl::OkStatus();
}

void SkipSpaceAndComments(Cursor& cursor) {
  while (!cursor.done()) {
    const char c = cursor.peek();
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      cursor.Advance();
    } else if (c == '#') {
      while (!cursor.done() && cursor.peek() != '\n') cursor.Advance();
    } else {
      return;
    }
  }
}

}  // namespace

absl::StatusOr<std::vector<Token>> Lex(std::string_view source) {
  std::vector<Token> tokens;
  Cursor cursor(source);
  while (true) {
    SkipSpaceAndComments(cursor);
    Token token;
    token.position = cursor.position();
    if (cursor.done()) {
      tokens.push_back(std::move(token));  // kEnd
      return tokens;
    }
    const char c = cursor.peek();
    absl::Status status;
    if (IsDigit(c)) {
      token.kind = TokenKind::kNumber;
      status = LexNumber(cursor, token);
    } else if (c == '"') {
      token.kind = TokenKind::kString;
      status = LexString(cursor, token);
    } else if (IsIdentifierStart(c)) {
      const size_t start = cursor.offset();
      while (IsIdentifierPart(cursor.peek())) cursor.Advance();
      token.lexeme = cursor.Since(start);
      token.kind = KeywordOr(token.lexeme, TokenKind::kIdentifier);
    } else {
      status = LexSymbol(cursor, token);
    }
    if (!status.ok()) return status;
    tokens.push_back(std::move(token));
  }
}

Position PositionAt(std::string_view source, size_t offset) {
  Cursor cursor(source);
  while (cursor.offset() < offset && !cursor.done()) cursor.Advance();
  return cursor.position();
}

std::string Describe(const Token& token) {
  switch (token.kind) {
    case TokenKind::kEnd:
      return "the end of the expression";
    case TokenKind::kNumber:
      return absl::StrCat("the number ", AbslView(token.lexeme));
    case TokenKind::kString:
      return absl::StrCat("the string ", AbslView(token.lexeme));
    case TokenKind::kIdentifier:
      return absl::StrCat("the name '", AbslView(token.lexeme), "'");
    default:
      return absl::StrCat("'", AbslView(token.lexeme), "'");
  }
}

}  // namespace attain::compensation::expr
