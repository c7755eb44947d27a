#include <map>
#include <optional>
#include <set>
#include <string>

#include <gmock/gmock.h>
#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include "common/time/dates.h"
#include "tools/attainctl/csv.h"
#include "tools/attainctl/seller_csv.h"
#include "tools/datagen/org_generator.h"

namespace attain::datagen {
namespace {

using planning::v1::Seller;

std::map<std::string, int> CountByTitle(const std::vector<Seller>& sellers) {
  std::map<std::string, int> counts;
  for (const Seller& seller : sellers) ++counts[seller.title()];
  return counts;
}

absl::CivilDay Day(const std::string& text) {
  absl::StatusOr<absl::CivilDay> day = dates::Parse(text, "date");
  EXPECT_TRUE(day.ok()) << text;
  return day.value_or(absl::CivilDay());
}

TEST(DatagenTest, SameSeedGivesByteIdenticalCsv) {
  EXPECT_EQ(ToCsv(GenerateOrg({.seed = 42, .reps = 200})),
            ToCsv(GenerateOrg({.seed = 42, .reps = 200})));
}

TEST(DatagenTest, DifferentSeedsGiveDifferentOrgs) {
  EXPECT_NE(ToCsv(GenerateOrg({.seed = 42, .reps = 200})),
            ToCsv(GenerateOrg({.seed = 43, .reps = 200})));
}

TEST(DatagenTest, DefaultOrgHasOneCroFourVpsTwentyManagersAndTheReps) {
  const std::vector<Seller> sellers = GenerateOrg({.seed = 42, .reps = 200});
  EXPECT_EQ(sellers.size(), 225u);
  EXPECT_THAT(CountByTitle(sellers),
              testing::ElementsAre(testing::Pair("Account Executive", 200), testing::Pair("CRO", 1),
                                   testing::Pair("Regional VP", 4),
                                   testing::Pair("Sales Manager", 20)));
  EXPECT_EQ(sellers.front().seller_id(), "cro-001");
  EXPECT_EQ(sellers.back().seller_id(), "rep-200");
}

TEST(DatagenTest, RepCountFollowsTheFlag) {
  EXPECT_EQ(CountByTitle(GenerateOrg({.seed = 7, .reps = 1234}))["Account Executive"], 1234);
}

TEST(DatagenTest, IdsAndEmailsAreUnique) {
  const std::vector<Seller> sellers = GenerateOrg({.seed = 42, .reps = 2000});
  std::set<std::string> ids, emails;
  for (const Seller& seller : sellers) {
    EXPECT_TRUE(ids.insert(seller.seller_id()).second) << seller.seller_id();
    EXPECT_TRUE(emails.insert(seller.email()).second) << seller.email();
    EXPECT_THAT(seller.email(), testing::EndsWith("@attain-demo.example"));
  }
}

TEST(DatagenTest, EightPercentOfRepsAreTerminatedAfterTheirHire) {
  int terminated = 0;
  for (const Seller& seller : GenerateOrg({.seed = 42, .reps = 200})) {
    if (seller.termination_date().empty()) continue;
    ++terminated;
    EXPECT_EQ(seller.title(), "Account Executive");
    EXPECT_GT(Day(seller.termination_date()), Day(seller.hire_date())) << seller.seller_id();
    EXPECT_LT(Day(seller.termination_date()), absl::CivilDay(2026, 11, 1));
  }
  EXPECT_EQ(terminated, 16);  // 8% of 200
}

TEST(DatagenTest, AtLeastSixRepsChangeManagerMidway) {
  int moved = 0;
  for (const Seller& seller : GenerateOrg({.seed = 42, .reps = 200})) {
    if (seller.reporting_lines_size() < 2) continue;
    ++moved;
    ASSERT_EQ(seller.reporting_lines_size(), 2);
    const auto& first = seller.reporting_lines(0);
    const auto& second = seller.reporting_lines(1);
    EXPECT_NE(first.manager_id(), second.manager_id());
    EXPECT_EQ(Day(first.end_date()) + 1, Day(second.start_date())) << seller.seller_id();
  }
  EXPECT_GE(moved, 6);
}

// The server rejects lines outside employment, lines to a manager not yet hired, overlaps and
// cycles; managers always rank above their reports here, so there can be no cycle.
TEST(DatagenTest, EveryReportingLineIsValidForImport) {
  const std::vector<Seller> sellers = GenerateOrg({.seed = 42, .reps = 200});
  const std::map<std::string, int> rank{
      {"CRO", 0}, {"Regional VP", 1}, {"Sales Manager", 2}, {"Account Executive", 3}};
  std::map<std::string, const Seller*> by_id;
  for (const Seller& seller : sellers) {
    for (const auto& line : seller.reporting_lines()) {
      // Rows come leaders first, so the manager is already known.
      ASSERT_TRUE(by_id.contains(line.manager_id())) << seller.seller_id();
    }
    by_id[seller.seller_id()] = &seller;
  }
  for (const Seller& seller : sellers) {
    const absl::CivilDay hire = Day(seller.hire_date());
    EXPECT_GE(hire, absl::CivilDay(2024, 11, 1));
    EXPECT_LT(hire, absl::CivilDay(2026, 11, 1));
    EXPECT_EQ(seller.reporting_lines_size() == 0, seller.title() == "CRO") << seller.seller_id();
    std::optional<absl::CivilDay> previous_end;
    for (const auto& line : seller.reporting_lines()) {
      const Seller& manager = *by_id.at(line.manager_id());
      const absl::CivilDay start = Day(line.start_date());
      EXPECT_LT(rank.at(manager.title()), rank.at(seller.title())) << seller.seller_id();
      EXPECT_GE(start, hire) << seller.seller_id();
      EXPECT_GE(start, Day(manager.hire_date())) << seller.seller_id();
      if (previous_end) {
        EXPECT_GT(start, *previous_end) << seller.seller_id();
      }
      if (seller.termination_date().empty()) {
        if (!line.end_date().empty()) previous_end = Day(line.end_date());
        continue;
      }
      ASSERT_FALSE(line.end_date().empty()) << seller.seller_id();
      EXPECT_LE(Day(line.end_date()), Day(seller.termination_date())) << seller.seller_id();
      EXPECT_GE(Day(line.end_date()), start) << seller.seller_id();
      previous_end = Day(line.end_date());
    }
  }
}

TEST(DatagenTest, CsvReadsBackIntoTheSameSellers) {
  const std::vector<Seller> sellers = GenerateOrg({.seed = 42, .reps = 50});
  absl::StatusOr<std::vector<csv::Record>> records = csv::ParseAll(ToCsv(sellers));
  ASSERT_TRUE(records.ok()) << records.status();
  ASSERT_EQ(records->size(), sellers.size() + 1);
  absl::StatusOr<seller_csv::HeaderMap> header = seller_csv::HeaderMap::FromHeader((*records)[0].fields);
  ASSERT_TRUE(header.ok()) << header.status();
  for (size_t i = 0; i < sellers.size(); ++i) {
    Seller read;
    EXPECT_THAT(header->ToSeller((*records)[i + 1].fields, read), testing::IsEmpty());
    EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(read, sellers[i]))
        << read.DebugString() << "\nvs\n" << sellers[i].DebugString();
  }
}

}  // namespace
}  // namespace attain::datagen
