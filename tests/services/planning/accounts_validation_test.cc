// Account field validation, the parent hierarchy check and COPY text encoding.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "services/planning/accounts/account_hierarchy.h"
#include "services/planning/accounts/account_validation.h"
#include "services/planning/accounts/copy_in.h"

namespace attain::planning::accounts {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

AccountInput ValidInput() {
  AccountInput input;
  input.id = "acme-001";
  input.display_name = "  Acme Corp ";
  input.country = "US";
  input.annual_revenue = "1250000.50";
  input.currency = "USD";
  input.attributes = {{"tier", "gold"}};
  return input;
}

std::vector<std::string> Fields(const std::vector<errors::FieldViolation>& violations) {
  std::vector<std::string> fields;
  for (const auto& v : violations) fields.push_back(v.field);
  return fields;
}

TEST(AccountValidationTest, ValidInputParsesWithTrimmedNameAndExactMoney) {
  std::vector<errors::FieldViolation> violations;
  auto account = ParseAccount(ValidInput(), "account", &violations);
  ASSERT_TRUE(account.has_value());
  EXPECT_THAT(violations, IsEmpty());
  EXPECT_EQ(account->display_name, "Acme Corp");
  ASSERT_TRUE(account->annual_revenue.has_value());
  EXPECT_EQ(account->annual_revenue->micros(), 1'250'000'500'000);
  EXPECT_FALSE(account->potential.has_value());
}

TEST(AccountValidationTest, EveryBadFieldIsNamedUnderThePrefix) {
  AccountInput input = ValidInput();
  input.id = "has space";
  input.country = "usa";
  input.potential = "-1";
  input.workload = "1.1234567";
  input.employee_count = -3;
  input.attributes["bad key!"] = "x";
  std::vector<errors::FieldViolation> violations;
  EXPECT_FALSE(ParseAccount(input, "rows[7]", &violations).has_value());
  EXPECT_THAT(Fields(violations),
              ElementsAre("rows[7].account_id", "rows[7].country", "rows[7].employee_count",
                          "rows[7].potential", "rows[7].workload", "rows[7].attributes[bad key!]"));
}

TEST(AccountValidationTest, MoneyNeedsACurrencyAndAnAccountCannotParentItself) {
  AccountInput input = ValidInput();
  input.currency = "";
  input.parent_id = input.id;
  std::vector<errors::FieldViolation> violations;
  EXPECT_FALSE(ParseAccount(input, "account", &violations).has_value());
  EXPECT_THAT(Fields(violations), ElementsAre("account.parent_account_id", "account.currency"));
}

TEST(AccountValidationTest, ToInputRoundTrips) {
  std::vector<errors::FieldViolation> violations;
  auto account = ParseAccount(ValidInput(), "account", &violations);
  ASSERT_TRUE(account.has_value());
  auto again = ParseAccount(ToInput(*account), "account", &violations);
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->annual_revenue, account->annual_revenue);
  EXPECT_EQ(again->attributes, account->attributes);
}

// A fake stored hierarchy; counts loader calls.
struct FakeStore {
  ParentMap parents;
  int calls = 0;
  StoredParentLoader Loader() {
    return [this](const std::vector<std::string>& ids) -> absl::StatusOr<ParentMap> {
      ++calls;
      ParentMap found;
      for (const std::string& id : ids) {
        if (auto it = parents.find(id); it != parents.end()) found[id] = it->second;
      }
      return found;
    };
  }
};

TEST(AccountHierarchyTest, ParentsInTheFileOrStoredAreKnown) {
  FakeStore store{{{"root", ""}, {"mid", "root"}}};
  auto problems = CheckHierarchy({{"a", "mid"}, {"b", "a"}, {"c", ""}}, store.Loader());
  ASSERT_TRUE(problems.ok());
  EXPECT_TRUE(problems->empty());
  EXPECT_EQ(store.calls, 2);  // mid, then root
}

TEST(AccountHierarchyTest, UnknownParentIsReported) {
  FakeStore store{{{"root", ""}}};
  auto problems = CheckHierarchy({{"a", "ghost"}, {"b", "root"}}, store.Loader());
  ASSERT_TRUE(problems.ok());
  EXPECT_THAT(problems->unknown_parent, ElementsAre("a"));
  EXPECT_THAT(problems->in_cycle, IsEmpty());
}

TEST(AccountHierarchyTest, CycleThroughAStoredAccountNamesTheWrittenOnes) {
  // Stored: s2 -> s1 -> x. Writing x -> s2 closes x -> s2 -> s1 -> x; "tail" only leads into
  // the cycle and is not on it.
  FakeStore store{{{"s1", "x"}, {"s2", "s1"}, {"x", ""}}};
  auto problems = CheckHierarchy({{"x", "s2"}, {"tail", "x"}}, store.Loader());
  ASSERT_TRUE(problems.ok());
  EXPECT_THAT(problems->in_cycle, ElementsAre("x"));
  EXPECT_THAT(problems->unknown_parent, IsEmpty());
}

TEST(AccountHierarchyTest, CycleWithinTheWrittenAccounts) {
  FakeStore store;
  auto problems = CheckHierarchy({{"a", "b"}, {"b", "c"}, {"c", "a"}, {"d", "a"}}, store.Loader());
  ASSERT_TRUE(problems.ok());
  EXPECT_THAT(problems->in_cycle, ElementsAre("a", "b", "c"));
  EXPECT_EQ(store.calls, 0);
}

TEST(CopyBufferTest, EscapesSeparatorsAndWritesNullAsBackslashN) {
  catalog::CopyBuffer buffer;
  buffer.Field("a\tb");
  buffer.Field(std::nullopt);
  buffer.Field("line\nbreak\\");
  buffer.EndRow();
  buffer.Field("");
  buffer.EndRow();
  EXPECT_EQ(buffer.data(), "a\\tb\t\\N\tline\\nbreak\\\\\n\n");
  EXPECT_EQ(buffer.rows(), 2u);
}

}  // namespace
}  // namespace attain::planning::accounts
