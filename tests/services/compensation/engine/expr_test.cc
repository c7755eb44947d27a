// Expression engine: precedence, every operator and function, half-even rounding, strings,
// errors with exact line:column, limits, overflow, concurrent evaluation, and randomized
// expressions checked against values computed alongside their text.

#include <functional>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/compensation/engine/expr/expression.h"
#include "services/compensation/engine/expr/limits.h"
#include "services/compensation/engine/expr/printer.h"

namespace attain::compensation::expr {
namespace {

using money::Decimal;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

Decimal D(const char* text) { return Decimal::Parse(text).value(); }

Schema PlanSchema() {
  return Schema{{
      {"credit", ValueType::kDecimal},
      {"attainment", ValueType::kDecimal},
      {"target_incentive", ValueType::kDecimal},
      {"rate", ValueType::kDecimal},
      {"zero", ValueType::kDecimal},
      {"big", ValueType::kDecimal},
      {"is_new", ValueType::kBool},
      {"region", ValueType::kString},
      {"txn.product_family", ValueType::kString},
  }};
}

// One seller-transaction row; every value below is what the tests' comments compute with.
Bindings Row() {
  Bindings row(PlanSchema());
  EXPECT_TRUE(row.Set("credit", Value::FromDecimal(D("120000"))).ok());
  EXPECT_TRUE(row.Set("attainment", Value::FromDecimal(D("1.25"))).ok());
  EXPECT_TRUE(row.Set("target_incentive", Value::FromDecimal(D("20000"))).ok());
  EXPECT_TRUE(row.Set("rate", Value::FromDecimal(D("0.035"))).ok());
  EXPECT_TRUE(row.Set("zero", Value::FromDecimal(D("0"))).ok());
  EXPECT_TRUE(row.Set("big", Value::FromDecimal(D("9000000000000"))).ok());
  EXPECT_TRUE(row.Set("is_new", Value::FromBool(true)).ok());
  EXPECT_TRUE(row.Set("region", Value::FromString("EMEA")).ok());
  EXPECT_TRUE(row.Set("txn.product_family", Value::FromString("Cloud")).ok());
  return row;
}

// The result as text ("8500", "true", "\"EMEA\"") or the error message prefixed "error: ".
std::string Eval(std::string_view source, const Bindings& row = Row()) {
  absl::StatusOr<Expression> expression = Compile(source, PlanSchema());
  if (!expression.ok()) return absl::StrCat("compile error: ", expression.status().message());
  absl::StatusOr<Value> value = expression->Evaluate(row);
  if (!value.ok()) return absl::StrCat("error: ", value.status().message());
  return value->DebugString();
}

// The compile error's message, "" if it compiles.
std::string CompileMessage(std::string_view source,
                           std::optional<ValueType> expected = std::nullopt) {
  absl::StatusOr<Expression> expression = Compile(source, PlanSchema(), expected);
  return expression.ok() ? "" : std::string(expression.status().message());
}

absl::Status EvaluationStatus(std::string_view source) {
  absl::StatusOr<Expression> expression = Compile(source, PlanSchema());
  if (!expression.ok()) return expression.status();
  return expression->Evaluate(Row()).status();
}

std::string Repeat(std::string_view text, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out.append(text);
  return out;
}

// ---------------------------------------------------------------- the examples

TEST(ExpressionTest, PayoutFormulaFromThePlanDesign) {
  // min(120000 * 0.05, 10000) = min(6000, 10000) = 6000;
  // attainment 1.25 > 1: (1.25 - 1) * 20000 * 0.5 = 0.25 * 20000 * 0.5 = 2500; 6000 + 2500.
  EXPECT_EQ(Eval("min(credit * 0.05, 10000) + if(attainment > 1, (attainment - 1) * "
                 "target_incentive * 0.5, 0)"),
            "8500");
}

TEST(ExpressionTest, GateConditionFromThePlanDesign) {
  EXPECT_EQ(Eval("attainment >= 0.8 and txn.product_family == \"Cloud\""), "true");
  EXPECT_EQ(Eval("attainment >= 1.3 and txn.product_family == \"Cloud\""), "false");
}

// ---------------------------------------------------------------- precedence

TEST(PrecedenceTest, ProductsBindTighterThanSums) {
  EXPECT_EQ(Eval("1 + 2 * 3"), "7");
  EXPECT_EQ(Eval("(1 + 2) * 3"), "9");
  EXPECT_EQ(Eval("2 * 3 + 4 * 5"), "26");
  EXPECT_EQ(Eval("20 - 6 / 2"), "17");
}

TEST(PrecedenceTest, SameLevelOperatorsAssociateLeft) {
  EXPECT_EQ(Eval("10 - 4 - 3"), "3");        // (10 - 4) - 3, not 10 - (4 - 3) = 9
  EXPECT_EQ(Eval("24 / 4 / 2"), "3");        // (24 / 4) / 2, not 24 / 2 = 12
  EXPECT_EQ(Eval("1 / 3 * 3"), "0.999999");  // (1 / 3 = 0.333333) * 3
  EXPECT_EQ(Eval("1 / (3 * 3)"), "0.111111");
}

TEST(PrecedenceTest, UnaryMinusBindsTighterThanProducts) {
  EXPECT_EQ(Eval("-2 * 3"), "-6");
  EXPECT_EQ(Eval("-(2 + 3) * 2"), "-10");
  EXPECT_EQ(Eval("-2 - -3"), "1");
  EXPECT_EQ(Eval("- - 4"), "4");
}

TEST(PrecedenceTest, AndBindsTighterThanOrAndNotTighterThanBoth) {
  EXPECT_EQ(Eval("true or false and false"), "true");  // true or (false and false)
  EXPECT_EQ(Eval("(true or false) and false"), "false");
  EXPECT_EQ(Eval("not true or true"), "true");  // (not true) or true
  EXPECT_EQ(Eval("not (true or true)"), "false");
  EXPECT_EQ(Eval("not false and false"), "false");  // (not false) and false
}

TEST(PrecedenceTest, NotAppliesToAWholeComparison) {
  EXPECT_EQ(Eval("not 1 > 2"), "true");  // not (1 > 2)
  EXPECT_EQ(Eval("1 + 1 == 2 and 3 > 2"), "true");
  EXPECT_EQ(Eval("not region in (\"EMEA\")"), "false");
}

TEST(PrecedenceTest, FormatKeepsOnlyTheParenthesesThatMatter) {
  EXPECT_EQ(Format("1 + (2 * 3)").value(), "1 + 2 * 3");
  EXPECT_EQ(Format("(1 + 2) * 3").value(), "(1 + 2) * 3");
  EXPECT_EQ(Format("((1 + 2)) + 3").value(), "1 + 2 + 3");
  EXPECT_EQ(Format("1 - (2 - 3)").value(), "1 - (2 - 3)");
  EXPECT_EQ(Format("not (a == b)").value(), "not a == b");
  EXPECT_EQ(Format("(not a) == b").value(), "(not a) == b");
  EXPECT_EQ(Format("-(-x)").value(), "--x");
  EXPECT_EQ(Format("a or (b and c)").value(), "a or b and c");
  EXPECT_EQ(Format("(a or b) and c").value(), "(a or b) and c");
  EXPECT_EQ(Format("(a < b) == c").value(), "(a < b) == c");
  EXPECT_EQ(Format("x   in(\"a\",\"b\\\"\" ) # comment").value(), "x in (\"a\", \"b\\\"\")");
  EXPECT_EQ(Format("min( 1,max(2 ,3) )").value(), "min(1, max(2, 3))");
}

// ---------------------------------------------------------------- operators

TEST(OperatorTest, ArithmeticOnDecimals) {
  EXPECT_EQ(Eval("credit + 0.5"), "120000.5");
  EXPECT_EQ(Eval("credit - 120000.25"), "-0.25");
  EXPECT_EQ(Eval("credit * rate"), "4200");       // 120000 * 0.035
  EXPECT_EQ(Eval("credit / 7"), "17142.857143");  // 17142.857142857... -> 6 digits, up
  EXPECT_EQ(Eval("-credit"), "-120000");
}

TEST(OperatorTest, OrderingComparesDecimals) {
  EXPECT_EQ(Eval("1 < 2"), "true");
  EXPECT_EQ(Eval("2 < 2"), "false");
  EXPECT_EQ(Eval("2 <= 2"), "true");
  EXPECT_EQ(Eval("2.000001 <= 2"), "false");
  EXPECT_EQ(Eval("3 > 2"), "true");
  EXPECT_EQ(Eval("2 > 2"), "false");
  EXPECT_EQ(Eval("2 >= 2"), "true");
  EXPECT_EQ(Eval("-1 >= 0"), "false");
}

TEST(OperatorTest, EqualityWithinEachType) {
  EXPECT_EQ(Eval("1.50 == 1.5"), "true");
  EXPECT_EQ(Eval("1 != 1.000001"), "true");
  EXPECT_EQ(Eval("is_new == true"), "true");
  EXPECT_EQ(Eval("is_new != true"), "false");
  EXPECT_EQ(Eval("region == \"EMEA\""), "true");
  EXPECT_EQ(Eval("region != \"EMEA\""), "false");
  EXPECT_EQ(Eval("region == \"emea\""), "false");  // bytes, so case matters
}

TEST(OperatorTest, AndOrNot) {
  EXPECT_EQ(Eval("true and true"), "true");
  EXPECT_EQ(Eval("true and false"), "false");
  EXPECT_EQ(Eval("false or false"), "false");
  EXPECT_EQ(Eval("false or true"), "true");
  EXPECT_EQ(Eval("not is_new"), "false");
}

TEST(OperatorTest, AndOrSkipTheRightSideWhenTheLeftDecides) {
  // The right sides would divide by zero.
  EXPECT_EQ(Eval("zero != 0 and credit / zero > 1"), "false");
  EXPECT_EQ(Eval("zero == 0 or credit / zero > 1"), "true");
  EXPECT_EQ(Eval("zero == 0 and credit / zero > 1"), "error: line 1, column 22: division by zero");
}

TEST(OperatorTest, InMatchesStringsAndDecimals) {
  EXPECT_EQ(Eval("region in (\"EMEA\", \"APAC\")"), "true");
  EXPECT_EQ(Eval("region in (\"NA\", \"APAC\")"), "false");
  EXPECT_EQ(Eval("region in (\"NA\", txn.product_family, \"EMEA\")"), "true");
  EXPECT_EQ(Eval("2 in (1, 2, 3)"), "true");
  EXPECT_EQ(Eval("attainment in (1, 1.2)"), "false");
}

TEST(OperatorTest, StringLiteralsResolveEscapes) {
  EXPECT_EQ(Eval("if(true, \"a\\\"b\", \"\")"), "\"a\\\"b\"");
  EXPECT_EQ(Eval("\"back\\\\slash\" == \"back\\\\slash\""), "true");
  EXPECT_EQ(Eval("if(is_new, \"new\", region)"), "\"new\"");
  EXPECT_EQ(Eval("if(not is_new, \"new\", region)"), "\"EMEA\"");
}

TEST(OperatorTest, CommentsAndLineBreaksAreIgnored) {
  EXPECT_EQ(Eval("credit  # the credited amount\n  * 2 # doubled\n"), "240000");
}

// ---------------------------------------------------------------- functions

TEST(FunctionTest, MinMaxAbsClamp) {
  EXPECT_EQ(Eval("min(3, 1, 2)"), "1");
  EXPECT_EQ(Eval("max(3, 1, 2)"), "3");
  EXPECT_EQ(Eval("min(-1, -2)"), "-2");
  EXPECT_EQ(Eval("max(credit * rate, 5000)"), "5000");
  EXPECT_EQ(Eval("abs(-2.5)"), "2.5");
  EXPECT_EQ(Eval("abs(2.5)"), "2.5");
  EXPECT_EQ(Eval("clamp(5, 0, 3)"), "3");
  EXPECT_EQ(Eval("clamp(-1, 0, 3)"), "0");
  EXPECT_EQ(Eval("clamp(2, 0, 3)"), "2");
  EXPECT_EQ(Eval("clamp(attainment, 0, 1.2)"), "1.2");
}

TEST(FunctionTest, IfEvaluatesOnlyTheTakenBranch) {
  EXPECT_EQ(Eval("if(true, 1, 2)"), "1");
  EXPECT_EQ(Eval("if(false, 1, 2)"), "2");
  EXPECT_EQ(Eval("if(zero == 0, 0, credit / zero)"), "0");
  EXPECT_EQ(Eval("if(zero != 0, credit / zero, -1)"), "-1");
  EXPECT_EQ(Eval("if(zero == 0, credit / zero, 0)"), "error: line 1, column 22: division by zero");
  EXPECT_EQ(Eval("if(1 > 2, \"a\", \"b\")"), "\"b\"");
  EXPECT_EQ(Eval("if(is_new, attainment > 1, false)"), "true");
  EXPECT_EQ(Eval("if(false, 1, if(true, 2, 3)) + 10"), "12");
}

TEST(FunctionTest, RoundIsHalfEven) {
  EXPECT_EQ(Eval("round(2.5, 0)"), "2");
  EXPECT_EQ(Eval("round(3.5, 0)"), "4");
  EXPECT_EQ(Eval("round(-2.5, 0)"), "-2");
  EXPECT_EQ(Eval("round(1.005, 2)"), "1");     // tie -> 1.00 (even)
  EXPECT_EQ(Eval("round(1.015, 2)"), "1.02");  // tie -> 1.02 (even)
  EXPECT_EQ(Eval("round(1.0151, 2)"), "1.02");
  EXPECT_EQ(Eval("round(12.345678, 6)"), "12.345678");
  EXPECT_EQ(Eval("round(1.25, 1 + 0)"), "1.2");  // digits computed at run time
}

TEST(FunctionTest, RoundRejectsDigitsOutsideZeroToSix) {
  EXPECT_EQ(CompileMessage("round(credit, 7)"),
            "line 1, column 15: round takes 0 to 6 digits (a whole number), got 7");
  EXPECT_EQ(CompileMessage("round(credit, 1.5)"),
            "line 1, column 15: round takes 0 to 6 digits (a whole number), got 1.5");
  EXPECT_EQ(Eval("round(credit, zero - 1)"),
            "error: line 1, column 1: round takes 0 to 6 digits (a whole number), got -1");
}

TEST(FunctionTest, ClampRejectsReversedBounds) {
  EXPECT_EQ(CompileMessage("clamp(credit, 10, 5)"),
            "line 1, column 1: clamp's lower bound 10 is above its upper bound 5");
  EXPECT_EQ(Eval("1 + clamp(credit, rate, zero)"),
            "error: line 1, column 5: clamp's lower bound 0.035 is above its upper bound 0");
}

TEST(FunctionTest, ArgumentCountsAreChecked) {
  EXPECT_EQ(CompileMessage("abs(1, 2)"), "line 1, column 1: abs takes 1 argument, got 2");
  EXPECT_EQ(CompileMessage("abs()"), "line 1, column 1: abs takes 1 argument, got 0");
  EXPECT_EQ(CompileMessage("1 + min(1)"),
            "line 1, column 5: min takes at least 2 arguments, got 1");
  EXPECT_EQ(CompileMessage("if(true, 1)"), "line 1, column 1: if takes 3 arguments, got 2");
  EXPECT_EQ(CompileMessage("clamp(1, 2, 3, 4)"),
            "line 1, column 1: clamp takes 3 arguments, got 4");
}

// ---------------------------------------------------------------- rounding of * and /

TEST(RoundingTest, ProductsRoundHalfEvenToSixDigits) {
  EXPECT_EQ(Eval("0.000001 * 0.5"), "0");          // 0.0000005: tie -> 0 (even)
  EXPECT_EQ(Eval("0.000003 * 0.5"), "0.000002");   // 0.0000015: tie -> 0.000002 (even)
  EXPECT_EQ(Eval("0.000005 * 0.5"), "0.000002");   // 0.0000025: tie -> 0.000002 (even)
  EXPECT_EQ(Eval("0.000005 * 0.51"), "0.000003");  // 0.00000255: above the tie -> up
  EXPECT_EQ(Eval("-0.000003 * 0.5"), "-0.000002");
  EXPECT_EQ(Eval("1200.5 * 0.035"), "42.0175");  // exact: no rounding
}

TEST(RoundingTest, QuotientsRoundHalfEvenToSixDigits) {
  EXPECT_EQ(Eval("1 / 3"), "0.333333");
  EXPECT_EQ(Eval("2 / 3"), "0.666667");
  EXPECT_EQ(Eval("0.000001 / 2"), "0");         // 0.0000005: tie -> 0
  EXPECT_EQ(Eval("0.000003 / 2"), "0.000002");  // 0.0000015: tie -> 0.000002
  EXPECT_EQ(Eval("-0.000005 / 2"), "-0.000002");
}

// ---------------------------------------------------------------- compile errors

TEST(CompileErrorTest, TypeErrorsPointAtTheOperator) {
  EXPECT_EQ(CompileMessage("\"a\" + 1"),
            "line 1, column 5: '+' needs Decimal operands, got String and Decimal");
  EXPECT_EQ(CompileMessage("\"a\" < \"b\""),
            "line 1, column 5: '<' needs Decimal operands, got String and String");
  EXPECT_EQ(CompileMessage("not credit"), "line 1, column 1: 'not' needs a Bool, got a Decimal");
  EXPECT_EQ(CompileMessage("-is_new"), "line 1, column 1: '-' needs a Decimal, got a Bool");
  EXPECT_EQ(CompileMessage("is_new and 1"),
            "line 1, column 8: 'and' needs Bool operands, got Bool and Decimal");
  EXPECT_EQ(CompileMessage("is_new in (true)"),
            "line 1, column 8: 'in' needs a Decimal or a String on its left, got a Bool");
}

TEST(CompileErrorTest, TypeErrorsOnALaterLineCountLinesAndColumns) {
  // Line 2 is "  and region == 1": '==' is its 14th character.
  EXPECT_EQ(CompileMessage("attainment >= 0.8\n  and region == 1"),
            "line 2, column 14: '==' needs operands of the same type, got String and Decimal");
  EXPECT_EQ(CompileMessage("attainment >= 0.8\n  and txn.product_family == 1"),
            "line 2, column 26: '==' needs operands of the same type, got String and Decimal");
}

TEST(CompileErrorTest, ArgumentTypeErrorsPointAtTheArgument) {
  EXPECT_EQ(CompileMessage("if(credit, 1, 2)"),
            "line 1, column 4: the condition of if must be a Bool, got a Decimal");
  EXPECT_EQ(CompileMessage("if(is_new, 1, \"x\")"),
            "line 1, column 1: the branches of if must have the same type, got Decimal and String");
  EXPECT_EQ(CompileMessage("min(1, region)"),
            "line 1, column 8: min takes Decimals; argument 2 is a String");
  EXPECT_EQ(CompileMessage("region in (\"EMEA\", 1)"),
            "line 1, column 20: the 'in' list must hold String values like the left side, got a "
            "Decimal");
}

TEST(CompileErrorTest, UnknownVariableIsNamedWithAPossibleFix) {
  EXPECT_EQ(CompileMessage("credit * 0.05 +\n    atainment"),
            "line 2, column 5: unknown variable 'atainment'; did you mean 'attainment'?");
  EXPECT_EQ(CompileMessage("1 + quota"), "line 1, column 5: unknown variable 'quota'");
}

TEST(CompileErrorTest, UnknownFunctionListsTheKnownOnes) {
  EXPECT_EQ(CompileMessage("\n  mn(1, 2)"),
            "line 2, column 3: unknown function 'mn'; the functions are abs, clamp, if, max, "
            "min, round");
}

TEST(CompileErrorTest, ResultTypeCanBeRequired) {
  EXPECT_EQ(CompileMessage("credit * 2", ValueType::kBool),
            "line 1, column 1: the expression must be a Bool, but it is a Decimal");
  EXPECT_EQ(CompileMessage("  region", ValueType::kDecimal),
            "line 1, column 3: the expression must be a Decimal, but it is a String");
  absl::StatusOr<Expression> gate = Compile("credit > 1", PlanSchema(), ValueType::kBool);
  ASSERT_TRUE(gate.ok());
  EXPECT_EQ(gate->type(), ValueType::kBool);
}

TEST(CompileErrorTest, SyntaxErrorsSayWhatWasExpected) {
  EXPECT_EQ(CompileMessage("1 +"),
            "line 1, column 4: expected a value, found the end of the expression");
  EXPECT_EQ(CompileMessage("(1 + 2"),
            "line 1, column 7: expected ')', found the end of the expression");
  EXPECT_EQ(CompileMessage("1 2"),
            "line 1, column 3: expected an operator or the end, found the number 2");
  EXPECT_EQ(CompileMessage("min(1 2)"),
            "line 1, column 7: expected ',' or ')' after an argument of min, found the number 2");
  EXPECT_EQ(CompileMessage("region in \"EMEA\""),
            "line 1, column 11: expected '(' after 'in', found the string \"EMEA\"");
  EXPECT_EQ(CompileMessage("1 < 2 < 3"),
            "line 1, column 7: comparisons do not chain; join them with 'and'");
  EXPECT_EQ(CompileMessage("1 * )"), "line 1, column 5: expected a value, found ')'");
}

TEST(CompileErrorTest, LexicalErrorsPointAtTheCharacter) {
  EXPECT_EQ(CompileMessage("credit = 1"), "line 1, column 8: use '==' to compare");
  EXPECT_EQ(CompileMessage("!is_new"), "line 1, column 1: use 'not' to negate");
  EXPECT_EQ(CompileMessage("is_new && true"), "line 1, column 8: use 'and'");
  EXPECT_EQ(CompileMessage("'EMEA'"), "line 1, column 1: strings are written in double quotes");
  EXPECT_EQ(CompileMessage("1 +\n \"abc"), "line 2, column 2: string not closed on its line");
  EXPECT_EQ(CompileMessage("\"a\\n\""), "line 1, column 3: the only escapes are \\\" and \\\\");
  EXPECT_EQ(CompileMessage("1.1234567"),
            "line 1, column 9: a number has at most 6 fractional digits");
  EXPECT_EQ(CompileMessage("12."), "line 1, column 4: expected a digit after the decimal point");
  EXPECT_EQ(CompileMessage("12abc"), "line 1, column 3: unexpected 'a' in a number");
  EXPECT_EQ(CompileMessage("credit @ 2"), "line 1, column 8: unexpected character '@'");
  EXPECT_EQ(CompileMessage("99999999999999"),
            "line 1, column 1: number out of range (the largest is 9223372036854)");
}

TEST(CompileErrorTest, ColumnsCountCharactersNotBytes) {
  // "ü" is two bytes in UTF-8 but one column; a tab is one column.
  EXPECT_EQ(CompileMessage("region == \"Zürich\" @"),
            "line 1, column 20: unexpected character '@'");
  EXPECT_EQ(CompileMessage("\t\t§"), "line 1, column 3: unexpected character '§'");
}

TEST(CompileErrorTest, ErrorOfGivesTheStructuredError) {
  const absl::StatusOr<Expression> bad = Compile("credit * 0.05 +\n    atainment", PlanSchema());
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ErrorOf(bad.status()),
            (ExprError{2, 5, "unknown variable 'atainment'; did you mean 'attainment'?"}));
  EXPECT_EQ(ErrorOf(absl::OkStatus()), std::nullopt);
  EXPECT_EQ(ErrorOf(absl::InternalError("line 1, column 1: x")), std::nullopt);
  EXPECT_EQ(ErrorOf(EvaluationStatus("credit / zero")), (ExprError{1, 8, "division by zero"}));
}

// ---------------------------------------------------------------- limits

TEST(LimitTest, SourceLongerThanFourKibibytesIsRefused) {
  const std::string at_limit = "1" + std::string(kMaxSourceBytes - 1, ' ');
  EXPECT_EQ(Eval(at_limit), "1");
  const std::string over = at_limit + " ";
  EXPECT_EQ(CompileMessage(over),
            "line 1, column 4097: the expression is longer than 4096 bytes; split it");
}

TEST(LimitTest, NestingDeeperThanSixtyFourLevelsIsRefused) {
  EXPECT_EQ(Eval(Repeat("(", 64) + "1" + Repeat(")", 64)), "1");
  EXPECT_EQ(CompileMessage(Repeat("(", 65) + "1" + Repeat(")", 65)),
            "line 1, column 65: nested more than 64 levels deep");
  EXPECT_EQ(Eval(Repeat("-", 64) + "1"), "1");
  EXPECT_EQ(CompileMessage(Repeat("-", 65) + "1"),
            "line 1, column 65: nested more than 64 levels deep");
  EXPECT_EQ(CompileMessage(Repeat("not ", 65) + "true"),
            "line 1, column 257: nested more than 64 levels deep");
  EXPECT_EQ(CompileMessage(Repeat("abs(", 65) + "1" + Repeat(")", 65)),
            "line 1, column 257: nested more than 64 levels deep");
}

TEST(LimitTest, MoreThanFiveHundredTwelveNodesIsRefused) {
  // 256 ones and 255 '+': 511 nodes.
  EXPECT_EQ(Eval("1" + Repeat(" + 1", 255)), "256");
  // 257 ones and 256 '+': node 513 is the last '+', at byte 1 + 255 * 4 + 1 = 1022.
  EXPECT_EQ(CompileMessage("1" + Repeat(" + 1", 256)),
            "line 1, column 1023: more than 512 values and operations; split the expression");
  // min with 511 arguments is 512 nodes, and holds 511 values on the stack at once.
  EXPECT_EQ(Eval("min(" + Repeat("2, ", 510) + "1)"), "1");
  EXPECT_EQ(CompileMessage("min(" + Repeat("2, ", 511) + "1)"),
            "line 1, column 1: more than 512 values and operations; split the expression");
}

// ---------------------------------------------------------------- evaluation errors

TEST(EvaluationErrorTest, OverflowIsOutOfRangeAtTheOperator) {
  const absl::Status product = EvaluationStatus("9223372036854 * 2");
  EXPECT_EQ(product.code(), absl::StatusCode::kOutOfRange);
  EXPECT_EQ(product.message(),
            "line 1, column 15: '*' overflows the Decimal range (about ±9.2e12)");
  EXPECT_EQ(Eval("big + big"),
            "error: line 1, column 5: '+' overflows the Decimal range (about ±9.2e12)");
  EXPECT_EQ(Eval("0 - big - big"),
            "error: line 1, column 9: '-' overflows the Decimal range (about ±9.2e12)");
  EXPECT_EQ(Eval("big / 0.1"),
            "error: line 1, column 5: '/' overflows the Decimal range (about ±9.2e12)");
  // The most negative Decimal has no positive counterpart.
  const std::string lowest = "(-9223372036854.775807 - 0.000001)";
  EXPECT_EQ(Eval(lowest), "-9223372036854.775808");
  EXPECT_EQ(Eval("-" + lowest),
            "error: line 1, column 1: '-' overflows the Decimal range (about ±9.2e12)");
  EXPECT_EQ(Eval("abs" + lowest),
            "error: line 1, column 1: abs overflows the Decimal range (about ±9.2e12)");
  EXPECT_EQ(EvaluationStatus("abs" + lowest).code(), absl::StatusCode::kOutOfRange);
}

TEST(EvaluationErrorTest, DivisionByZeroIsInvalidArgumentAtTheOperator) {
  const absl::Status status = EvaluationStatus("credit / zero");
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(), "line 1, column 8: division by zero");
  EXPECT_EQ(Eval("1 +\n  1 / (zero * 5)"), "error: line 2, column 5: division by zero");
}

TEST(EvaluationErrorTest, UnboundAndMistypedVariablesAreErrors) {
  Bindings row(PlanSchema());
  ASSERT_TRUE(row.Set("credit", Value::FromDecimal(D("5"))).ok());
  EXPECT_EQ(Eval("credit + attainment", row),
            "error: line 1, column 10: variable 'attainment' is not bound");

  EXPECT_EQ(row.Set("credit", Value::FromString("5")).message(),
            "variable 'credit' is Decimal, not String");
  EXPECT_EQ(row.Set("quota", Value::FromDecimal(D("5"))).message(),
            "the schema has no variable 'quota'");

  // Raw slots skip Bindings' checks; the evaluator still refuses a mistyped value.
  absl::StatusOr<Expression> expression = Compile("credit + 1", PlanSchema());
  ASSERT_TRUE(expression.ok());
  const SlotLayout layout(PlanSchema());
  std::vector<Value> slots(layout.size());
  slots[*layout.SlotOf("credit")] = Value::FromBool(true);
  EXPECT_EQ(expression->EvaluateSlots(slots).status().message(),
            "line 1, column 1: variable 'credit' is bound to a Bool, but the schema says Decimal");
  slots[*layout.SlotOf("credit")] = Value::FromDecimal(D("2"));
  EXPECT_EQ(expression->EvaluateSlots(slots)->decimal(), D("3"));
  EXPECT_EQ(expression->EvaluateSlots({}).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(EvaluationErrorTest, ClearUnbindsEverySlot) {
  Bindings row = Row();
  row.Clear();
  EXPECT_EQ(Eval("region", row), "error: line 1, column 1: variable 'region' is not bound");
}

TEST(EvaluationErrorTest, BindingsOfAnotherSchemaAreRefused) {
  absl::StatusOr<Expression> expression = Compile("1", PlanSchema());
  ASSERT_TRUE(expression.ok());
  const Bindings other(Schema{{{"credit", ValueType::kDecimal}}});
  EXPECT_EQ(expression->Evaluate(other).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(expression->Evaluate(Row())->decimal(), D("1"));
}

// ---------------------------------------------------------------- variables and slots

TEST(VariablesTest, ListsEachReadVariableOnceInNameOrder) {
  absl::StatusOr<Expression> expression =
      Compile("credit * rate + if(is_new, credit, target_incentive) + 0 * credit", PlanSchema());
  ASSERT_TRUE(expression.ok());
  EXPECT_THAT(expression->Variables(), ElementsAre("credit", "is_new", "rate", "target_incentive"));
  EXPECT_THAT(Compile("1 + 2", PlanSchema())->Variables(), IsEmpty());
}

TEST(VariablesTest, SlotsAreTheSchemaSortedByName) {
  const SlotLayout layout(PlanSchema());
  EXPECT_EQ(layout.size(), 9);
  EXPECT_EQ(layout.NameOf(0), "attainment");
  EXPECT_EQ(layout.NameOf(7), "txn.product_family");
  EXPECT_EQ(layout.NameOf(8), "zero");
  EXPECT_EQ(layout.SlotOf("credit"), 2);
  EXPECT_EQ(layout.SlotOf("missing"), std::nullopt);
  EXPECT_EQ(layout.fingerprint(), SlotLayout(PlanSchema()).fingerprint());
}

TEST(VariablesTest, CompiledExpressionOutlivesItsSourceAndCopiesShareIt) {
  std::string source = "if(is_new, \"literal\", region)";
  absl::StatusOr<Expression> expression = Compile(source, PlanSchema());
  ASSERT_TRUE(expression.ok());
  source.assign(source.size(), 'x');
  const Expression copy = *expression;
  EXPECT_EQ(copy.Evaluate(Row())->string(), "literal");
  EXPECT_EQ(copy.type(), ValueType::kString);
}

// ---------------------------------------------------------------- concurrency

TEST(ConcurrencyTest, TwoThreadsEvaluatingOneExpressionAgreeWithOneThread) {
  absl::StatusOr<Expression> payout = Compile(
      "round(min(credit * rate, 10000) + if(attainment > 1, (attainment - 1) * "
      "target_incentive / 3, 0), 2)",
      PlanSchema(), ValueType::kDecimal);
  ASSERT_TRUE(payout.ok());
  constexpr int kRows = 5000;
  auto evaluate_all = [&](std::vector<std::string>& out) {
    Bindings row = Row();
    for (int i = 0; i < kRows; ++i) {
      EXPECT_TRUE(row.Set("credit", Value::FromDecimal(Decimal::FromUnits(i * 97))).ok());
      EXPECT_TRUE(row.Set("attainment", Value::FromDecimal(Decimal::FromMicros(i * 613))).ok());
      absl::StatusOr<Value> value = payout->Evaluate(row);
      out.push_back(value.ok() ? value->DebugString() : value.status().ToString());
    }
  };
  std::vector<std::string> expected;
  evaluate_all(expected);
  // Row 4000: credit 388000 * 0.035 = 13580 -> 10000; attainment 2.452 -> 1.452 * 20000 / 3 =
  // 9680; 19680.
  EXPECT_EQ(expected[4000], "19680");
  std::vector<std::string> first, second;
  std::thread a([&] { evaluate_all(first); });
  std::thread b([&] { evaluate_all(second); });
  a.join();
  b.join();
  EXPECT_EQ(first, expected);
  EXPECT_EQ(second, expected);
}

// ---------------------------------------------------------------- randomized

// A random well-typed expression together with what evaluating it must give, computed here
// with money::Decimal in the language's order (operands left to right, if/and/or lazy).
struct Sample {
  std::string text;
  absl::StatusCode error = absl::StatusCode::kOk;
  Decimal number;
  bool boolean = false;
  std::string string;

  std::string Expected(ValueType type) const {
    if (error != absl::StatusCode::kOk)
      return absl::StrCat("error ", absl::StatusCodeToString(error));
    switch (type) {
      case ValueType::kDecimal:
        return Value::FromDecimal(number).DebugString();
      case ValueType::kBool:
        return Value::FromBool(boolean).DebugString();
      case ValueType::kString:
        return Value::FromString(string).DebugString();
    }
    return "?";
  }
};

class Generator {
 public:
  explicit Generator(uint32_t seed) : rng_(seed) {}

  Sample Make(ValueType type, int depth) {
    Sample s = depth <= 0 || Chance(3) ? Leaf(type) : Composite(type, depth - 1);
    if (Chance(6)) s.text = absl::StrCat("(", Space(), s.text, Space(), ")");
    return s;
  }

 private:
  int Pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }
  bool Chance(int one_in) { return Pick(one_in) == 0; }
  std::string Space() { return Chance(4) ? (Chance(2) ? "\n " : "  ") : ""; }

  static Sample Err(std::string text, absl::StatusCode code) {
    Sample s;
    s.text = std::move(text);
    s.error = code;
    return s;
  }

  // The first failing operand in evaluation order, if any.
  static const Sample* FirstError(std::initializer_list<const Sample*> operands) {
    for (const Sample* s : operands) {
      if (s->error != absl::StatusCode::kOk) return s;
    }
    return nullptr;
  }

  Sample FromDecimal(std::string text, absl::StatusOr<Decimal> value) {
    if (!value.ok()) return Err(std::move(text), value.status().code());
    Sample s;
    s.text = std::move(text);
    s.number = *value;
    return s;
  }

  // A number literal, perhaps in parentheses (which leave a literal a literal).
  static bool IsLiteral(const Sample& s) {
    std::string bare;
    for (char c : s.text) {
      if (c != '(' && c != ')' && c != ' ' && c != '\n') bare += c;
    }
    return Decimal::Parse(bare).ok();
  }

  Sample Leaf(ValueType type) {
    Sample s;
    switch (type) {
      case ValueType::kDecimal: {
        static const char* const kLiterals[] = {
            "0",    "1",  "2", "0.5", "0.035", "3", "1000000", "0.000001", "9223372036854",
            "7.25", "100"};
        static const char* const kVariables[] = {"credit", "attainment", "rate", "zero", "big"};
        static const char* const kValues[] = {"120000", "1.25", "0.035", "0", "9000000000000"};
        if (Chance(2)) {
          const int i = Pick(5);
          s.text = kVariables[i];
          s.number = D(kValues[i]);
        } else {
          s.text = kLiterals[Pick(11)];
          s.number = D(s.text.c_str());
        }
        return s;
      }
      case ValueType::kBool:
        s.boolean = Chance(2);
        s.text = s.boolean ? "true" : "false";
        if (Chance(2)) {
          s.text = "is_new";  // bound to true in Row()
          s.boolean = true;
        }
        return s;
      case ValueType::kString: {
        static const char* const kStrings[] = {"EMEA", "APAC", "", "a\"b", "back\\slash"};
        if (Chance(3)) {
          s.text = "region";
          s.string = "EMEA";
        } else {
          s.string = kStrings[Pick(5)];
          s.text = Value::FromString(s.string).DebugString();
        }
        return s;
      }
    }
    return s;
  }

  Sample Composite(ValueType type, int depth) {
    if (Chance(6)) return If(type, depth);
    switch (type) {
      case ValueType::kDecimal:
        return DecimalComposite(depth);
      case ValueType::kBool:
        return BoolComposite(depth);
      case ValueType::kString:
        return Leaf(type);
    }
    return Leaf(type);
  }

  Sample If(ValueType type, int depth) {
    const Sample c = Make(ValueType::kBool, depth);
    const Sample t = Make(type, depth);
    const Sample e = Make(type, depth);
    Sample s = c.error != absl::StatusCode::kOk ? c : (c.boolean ? t : e);
    s.text = absl::StrCat("if(", c.text, ",", Space(), t.text, ", ", e.text, ")");
    return s;
  }

  Sample DecimalComposite(int depth) {
    const Sample a = Make(ValueType::kDecimal, depth);
    const Sample b = Make(ValueType::kDecimal, depth);
    const Sample c = Make(ValueType::kDecimal, depth);
    const std::string sp = Space();
    switch (Pick(9)) {
      case 0:
      case 1: {
        static const char* const kOps[] = {"+", "-", "*", "/"};
        const int op = Pick(4);
        // Operands are grouped so the text means what is computed here whatever their
        // operators; Format then drops the parentheses precedence makes redundant.
        const std::string text =
            absl::StrCat("(", a.text, ")", sp, " ", kOps[op], " (", b.text, ")");
        if (const Sample* e = FirstError({&a, &b})) return Err(text, e->error);
        switch (op) {
          case 0:
            return FromDecimal(text, a.number.Add(b.number));
          case 1:
            return FromDecimal(text, a.number.Sub(b.number));
          case 2:
            return FromDecimal(text, a.number.Mul(b.number));
          default:
            return FromDecimal(text, a.number.Div(b.number));
        }
      }
      case 2: {
        const std::string text = absl::StrCat("-", "(", a.text, ")");
        if (a.error != absl::StatusCode::kOk) return Err(text, a.error);
        return FromDecimal(text, Decimal().Sub(a.number));
      }
      case 3:
      case 4: {
        const bool is_min = Pick(2) == 0;
        const std::string text =
            absl::StrCat(is_min ? "min(" : "max(", a.text, ", ", b.text, ",", sp, c.text, ")");
        if (const Sample* e = FirstError({&a, &b, &c})) return Err(text, e->error);
        Decimal best = a.number;
        for (Decimal v : {b.number, c.number})
          best = is_min ? std::min(best, v) : std::max(best, v);
        return FromDecimal(text, best);
      }
      case 5: {
        const std::string text = absl::StrCat("abs(", a.text, ")");
        if (a.error != absl::StatusCode::kOk) return Err(text, a.error);
        return FromDecimal(text, a.number.IsNegative() ? Decimal().Sub(a.number) : a.number);
      }
      case 6: {
        const int digits = Pick(7);
        const std::string text = absl::StrCat("round(", a.text, ", ", digits, ")");
        if (a.error != absl::StatusCode::kOk) return Err(text, a.error);
        return FromDecimal(text, a.number.RoundHalfEven(digits));
      }
      case 7: {
        // Literal bounds the wrong way round are a compile error; keep those for the
        // evaluator to catch by never writing them as two literals.
        if (IsLiteral(b) && IsLiteral(c) && b.number > c.number) return Leaf(ValueType::kDecimal);
        const std::string text = absl::StrCat("clamp(", a.text, ", ", b.text, ", ", c.text, ")");
        if (const Sample* e = FirstError({&a, &b, &c})) return Err(text, e->error);
        if (b.number > c.number) return Err(text, absl::StatusCode::kInvalidArgument);
        return FromDecimal(text, std::clamp(a.number, b.number, c.number));
      }
      default:
        return a;
    }
  }

  Sample BoolComposite(int depth) {
    Sample s;
    switch (Pick(5)) {
      case 0: {  // ordering of Decimals
        const Sample a = Make(ValueType::kDecimal, depth);
        const Sample b = Make(ValueType::kDecimal, depth);
        static const char* const kOps[] = {"<", "<=", ">", ">=", "==", "!="};
        const int op = Pick(6);
        s.text = absl::StrCat("(", a.text, ") ", kOps[op], " (", b.text, ")");
        if (const Sample* e = FirstError({&a, &b})) return Err(s.text, e->error);
        const bool results[] = {a.number<b.number, a.number <= b.number, a.number> b.number,
                                a.number >= b.number, a.number == b.number, a.number != b.number};
        s.boolean = results[op];
        return s;
      }
      case 1: {  // and / or, lazy
        const Sample a = Make(ValueType::kBool, depth);
        const Sample b = Make(ValueType::kBool, depth);
        const bool is_and = Chance(2);
        s.text =
            absl::StrCat("(", a.text, ")", Space(), is_and ? " and " : " or ", "(", b.text, ")");
        if (a.error != absl::StatusCode::kOk) return Err(s.text, a.error);
        if (a.boolean != is_and) {  // false and ..., true or ...: decided by the left side
          s.boolean = a.boolean;
          return s;
        }
        if (b.error != absl::StatusCode::kOk) return Err(s.text, b.error);
        s.boolean = b.boolean;
        return s;
      }
      case 2: {
        const Sample a = Make(ValueType::kBool, depth);
        s.text = absl::StrCat("not (", a.text, ")");
        if (a.error != absl::StatusCode::kOk) return Err(s.text, a.error);
        s.boolean = !a.boolean;
        return s;
      }
      case 3: {  // strings: == and in
        const Sample a = Make(ValueType::kString, depth);
        const Sample b = Make(ValueType::kString, depth);
        const Sample c = Make(ValueType::kString, depth);
        if (Chance(2)) {
          s.text = absl::StrCat(a.text, " == ", b.text);
          if (const Sample* e = FirstError({&a, &b})) return Err(s.text, e->error);
          s.boolean = a.string == b.string;
          return s;
        }
        s.text = absl::StrCat(a.text, " in (", b.text, ", ", c.text, ")");
        if (const Sample* e = FirstError({&a, &b, &c})) return Err(s.text, e->error);
        s.boolean = a.string == b.string || a.string == c.string;
        return s;
      }
      default: {
        const Sample a = Make(ValueType::kBool, depth);
        const Sample b = Make(ValueType::kBool, depth);
        const bool is_equal = Chance(2);
        s.text = absl::StrCat("(", a.text, ") ", is_equal ? "==" : "!=", " (", b.text, ")");
        if (const Sample* e = FirstError({&a, &b})) return Err(s.text, e->error);
        s.boolean = (a.boolean == b.boolean) == is_equal;
        return s;
      }
    }
  }

  std::mt19937 rng_;
};

std::string Outcome(const Expression& expression) {
  absl::StatusOr<Value> value = expression.Evaluate(Row());
  if (!value.ok()) return absl::StrCat("error ", absl::StatusCodeToString(value.status().code()));
  return value->DebugString();
}

TEST(RandomizedTest, GeneratedExpressionsEvaluateToTheirComputedValues) {
  Generator generator(20261127);
  const ValueType kTypes[] = {ValueType::kDecimal, ValueType::kBool, ValueType::kString};
  int values = 0;
  int errors = 0;
  for (int i = 0; i < 3000; ++i) {
    const ValueType type = kTypes[i % 3];
    const Sample sample = generator.Make(type, 4);
    SCOPED_TRACE(sample.text);
    absl::StatusOr<Expression> expression = Compile(sample.text, PlanSchema(), type);
    ASSERT_TRUE(expression.ok()) << expression.status();
    EXPECT_EQ(Outcome(*expression), sample.Expected(type));
    (sample.error == absl::StatusCode::kOk ? values : errors) += 1;
    if (absl::StatusOr<Value> value = expression->Evaluate(Row()); !value.ok()) {
      const std::optional<ExprError> error = ErrorOf(value.status());
      ASSERT_TRUE(error.has_value());
      EXPECT_GE(error->line, 1);
      EXPECT_GE(error->column, 1);
    }

    // Printing and parsing again keeps the meaning, and printing is a fixed point.
    absl::StatusOr<std::string> printed = Format(sample.text);
    ASSERT_TRUE(printed.ok()) << printed.status();
    EXPECT_EQ(Format(*printed).value(), *printed);
    absl::StatusOr<Expression> reparsed = Compile(*printed, PlanSchema(), type);
    ASSERT_TRUE(reparsed.ok()) << *printed;
    EXPECT_EQ(Outcome(*reparsed), sample.Expected(type)) << *printed;
  }
  // Both outcomes are exercised: values, and errors (overflow, division by zero, ...).
  EXPECT_GT(values, 2000);
  EXPECT_GT(errors, 100);
}

TEST(RandomizedTest, TokenSoupNeverCrashesAndErrorsPointIntoTheSource) {
  static const char* const kPieces[] = {
      "credit", "region", "is_new", "1",  "0.5",   "\"x\"", "(",     ")",    ",",
      "+",      "-",      "*",      "/",  "==",    "<",     ">=",    "and",  "or",
      "not",    "in",     "min",    "if", "round", "abs",   "clamp", "true", " ",
      "\n",     "@",      "\"",     "=",  "1.",    "zero",  "quota", "#c\n", "é"};
  std::mt19937 rng(7);
  int compiled = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string source;
    const int length = std::uniform_int_distribution<int>(1, 12)(rng);
    for (int j = 0; j < length; ++j) {
      absl::StrAppend(&source, kPieces[std::uniform_int_distribution<int>(0, 35)(rng)],
                      std::uniform_int_distribution<int>(0, 1)(rng) ? " " : "");
    }
    absl::StatusOr<Expression> expression = Compile(source, PlanSchema());
    if (expression.ok()) {
      ++compiled;
      (void)expression->Evaluate(Row());
      continue;
    }
    const std::optional<ExprError> error = ErrorOf(expression.status());
    ASSERT_TRUE(error.has_value()) << source;
    const int lines = 1 + static_cast<int>(std::count(source.begin(), source.end(), '\n'));
    EXPECT_GE(error->line, 1) << source;
    EXPECT_LE(error->line, lines) << source;
    EXPECT_GE(error->column, 1) << source;
    EXPECT_LE(error->column, static_cast<int>(source.size()) + 1) << source;
  }
  EXPECT_GT(compiled, 100);  // the soup is not all noise: some of it is valid
}

}  // namespace
}  // namespace attain::compensation::expr
