// The pure parts of a transaction import: content digests, version decisions, repeated keys,
// batch reference checks and the change summary of the outbox event.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "services/compensation/transactions/change_summary.h"
#include "services/compensation/transactions/content_digest.h"
#include "services/compensation/transactions/import_keys.h"
#include "services/compensation/transactions/staged_rows.h"
#include "services/compensation/transactions/versioning.h"

namespace attain::compensation::transactions {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using money::Decimal;

Decimal D(const char* text) { return Decimal::Parse(text).value(); }

Transaction Order(const std::string& id) {
  Transaction t;
  t.key = {"crm", id};
  t.type = TransactionType::kOrder;
  t.date = absl::CivilDay(2026, 3, 15);
  t.account_id = "acc-1";
  t.product_id = "prd-1";
  t.amount = D("100.50");
  t.currency = "USD";
  t.quantity = D("2");
  t.owner_seller_id = "rep-1";
  t.splits = {{"rep-1", D("60"), false}, {"rep-2", D("40"), false}, {"spec-1", D("100"), true}};
  t.attributes = {{"channel", "direct"}, {"region", "west"}};
  return t;
}

// Order("a")'s digest, computed before original_transaction_id existed.
constexpr char kOrderDigestBeforeOriginalIds[] = "cd82e0665af057e3e92571aabd82deb2";

Digest DigestOf(const Transaction& t) {
  Sha256 hasher;
  return ContentDigest(t, hasher);
}

TEST(ContentDigestTest, SameContentSameDigestWhateverTheKeyOrSplitOrder) {
  Transaction a = Order("a");
  Transaction b = Order("b");
  std::reverse(b.splits.begin(), b.splits.end());
  EXPECT_EQ(DigestOf(a), DigestOf(b));
  std::string hex;
  AppendDigestHex(DigestOf(a), &hex);
  EXPECT_EQ(hex.size(), 32u);
}

TEST(ContentDigestTest, EveryBusinessFieldChangesTheDigest) {
  const Digest base = DigestOf(Order("a"));
  std::vector<std::function<void(Transaction&)>> changes = {
      [](Transaction& t) { t.type = TransactionType::kInvoice; },
      [](Transaction& t) { t.date = absl::CivilDay(2026, 3, 16); },
      [](Transaction& t) { t.account_id = "acc-2"; },
      [](Transaction& t) { t.product_id = "prd-2"; },
      [](Transaction& t) { t.amount = D("100.51"); },
      [](Transaction& t) { t.currency = "EUR"; },
      [](Transaction& t) { t.quantity.reset(); },
      [](Transaction& t) { t.quantity = D("0"); },
      [](Transaction& t) { t.margin = D("0"); },
      [](Transaction& t) { t.owner_seller_id = ""; },
      [](Transaction& t) { t.splits[0].percent = D("50"); t.splits[1].percent = D("50"); },
      [](Transaction& t) { t.splits[2].overlay = false; },
      [](Transaction& t) { t.attributes[0].second = "partner"; },
      [](Transaction& t) { t.attributes.pop_back(); },
      [](Transaction& t) { t.original_transaction_id = "SO-0"; },
  };
  for (size_t i = 0; i < changes.size(); ++i) {
    Transaction changed = Order("a");
    changes[i](changed);
    EXPECT_NE(DigestOf(changed), base) << "change " << i;
  }
}

TEST(ContentDigestTest, TransactionsStoredBeforeOriginalIdsExistedKeepTheirDigest) {
  // The digest of a transaction without an original id must not depend on the field having
  // been added: stored digests would otherwise turn every re-import into a new version.
  // Pinned: this order's digest as computed before original_transaction_id existed.
  std::string hex;
  AppendDigestHex(DigestOf(Order("a")), &hex);
  EXPECT_EQ(hex, kOrderDigestBeforeOriginalIds);
}

TEST(ContentDigestTest, FieldBoundariesAreUnambiguous) {
  Transaction a = Order("a");
  Transaction b = Order("a");
  a.account_id = "acc-1x";
  a.product_id = "y";
  b.account_id = "acc-1";
  b.product_id = "xy";
  EXPECT_NE(DigestOf(a), DigestOf(b));
}

TEST(VersioningTest, NewKeyIsVersionOneSameContentIsUnchangedOtherContentIsNextVersion) {
  const Digest digest = DigestOf(Order("a"));
  Digest other = digest;
  other[0] ^= 1;
  Decision first = Decide(digest, std::nullopt);
  EXPECT_EQ(first.outcome, Outcome::kInserted);
  EXPECT_EQ(first.version, 1);
  Decision same = Decide(digest, StoredHead{3, digest});
  EXPECT_EQ(same.outcome, Outcome::kUnchanged);
  EXPECT_EQ(same.version, 3);
  Decision changed = Decide(digest, StoredHead{3, other});
  EXPECT_EQ(changed.outcome, Outcome::kNewVersion);
  EXPECT_EQ(changed.version, 4);

  ImportCounts counts;
  for (Outcome outcome : {first.outcome, same.outcome, changed.outcome, changed.outcome}) {
    counts.Count(outcome);
  }
  EXPECT_EQ(counts.inserted, 1);
  EXPECT_EQ(counts.unchanged, 1);
  EXPECT_EQ(counts.new_versions, 2);
}

TEST(ImportKeysTest, RepeatedKeyReturnsTheFirstRowNumber) {
  ImportKeys keys;
  EXPECT_EQ(keys.Claim({"crm", "a"}, 2), std::nullopt);
  EXPECT_EQ(keys.Claim({"erp", "a"}, 3), std::nullopt);  // another source: another transaction
  EXPECT_EQ(keys.Claim({"crm", "ab"}, 4), std::nullopt);
  EXPECT_EQ(keys.Claim({"crm", "a"}, 7), 2);
  EXPECT_EQ(keys.Claim({"erp", "a"}, 8), 3);
  EXPECT_EQ(keys.size(), 3u);
}

TEST(ImportKeysTest, ManyKeysAcrossStorageBlocks) {
  ImportKeys keys;
  const std::string padding(1000, 'x');  // 4,000 keys of ~1 kB span several blocks
  for (int i = 0; i < 4000; ++i) {
    ASSERT_EQ(keys.Claim({"crm", padding + std::to_string(i)}, i + 2), std::nullopt) << i;
  }
  for (int i = 0; i < 4000; i += 97) {
    EXPECT_EQ(keys.Claim({"crm", padding + std::to_string(i)}, 9999), i + 2) << i;
  }
  EXPECT_EQ(keys.size(), 4000u);
}

TEST(StagedRowsTest, KeepsEachRowsKeyDigestBytesMonthAndSellers) {
  StagedRows rows;
  rows.Add(2, Order("a"), DigestOf(Order("a")), "fields-a");
  Transaction other_source = Order("a");
  other_source.key.source_system = "erp";
  rows.Add(3, other_source, DigestOf(other_source), "fields-erp");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows.row_number(1), 3);
  EXPECT_EQ(rows.source_system(1), "erp");
  EXPECT_EQ(rows.transaction_id(0), "a");
  EXPECT_EQ(rows.copy_fields(0), "fields-a");
  EXPECT_EQ(rows.digest(1), DigestOf(other_source));
  EXPECT_EQ(rows.month(0), absl::CivilMonth(2026, 3));
  EXPECT_THAT(rows.seller_ids(0), ElementsAre("rep-1", "rep-1", "rep-2", "spec-1"));
  EXPECT_THAT(rows.source_systems(), ElementsAre("crm", "erp"));
}

TEST(StagedRowsTest, BytesBeyondOneBlockStayIntact) {
  StagedRows rows;
  const std::string big(3 << 20, 'x');
  for (int i = 0; i < 5; ++i) {
    Transaction t = Order("t" + std::to_string(i));
    rows.Add(i + 2, t, DigestOf(t), big + std::to_string(i));
  }
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(rows.copy_fields(i), big + std::to_string(i));
    EXPECT_EQ(rows.transaction_id(i), "t" + std::to_string(i));
  }
}

TEST(StagedRowsTest, ReferencesAreDistinctAndMissingOnesRejectTheirRows) {
  StagedRows rows;
  Transaction a = Order("a");
  Transaction b = Order("b");
  b.account_id = "acc-ghost";
  b.owner_seller_id = "rep-ghost";
  Transaction c = Order("c");
  c.splits = {{"rep-1", D("100"), false}, {"spec-ghost", D("50"), true}};
  c.product_id = "prd-ghost";
  for (auto [row, t] : {std::pair{2, &a}, std::pair{3, &b}, std::pair{4, &c}}) {
    rows.Add(row, *t, DigestOf(*t), "f");
  }
  ReferenceIds refs = rows.References();
  EXPECT_THAT(refs.account_ids, ElementsAre("acc-1", "acc-ghost"));
  EXPECT_THAT(refs.product_ids, ElementsAre("prd-1", "prd-ghost"));
  EXPECT_THAT(refs.seller_ids, ElementsAre("rep-1", "rep-2", "spec-1", "rep-ghost", "spec-ghost"));

  EXPECT_THAT(rows.RejectMissing({}), IsEmpty());
  std::vector<RowError> errors =
      rows.RejectMissing({{"acc-ghost"}, {"prd-ghost"}, {"rep-ghost", "spec-ghost"}});
  EXPECT_THAT(errors,
              ElementsAre(RowError{3, "account_id", "names account acc-ghost, which does not exist"},
                          RowError{3, "owner_seller_id",
                                   "names seller rep-ghost, who does not exist"},
                          RowError{4, "product_id", "names product prd-ghost, which does not exist"},
                          RowError{4, "splits[1].seller_id",
                                   "names seller spec-ghost, who does not exist"}));
  EXPECT_FALSE(rows.rejected(0));
  EXPECT_TRUE(rows.rejected(1));
  EXPECT_TRUE(rows.rejected(2));
  EXPECT_EQ(rows.rejected_count(), 2u);
}

TEST(ChangeSummaryTest, ListsMonthsTheirDateRangeAndSellers) {
  ChangeSummary changes;
  changes.Add(absl::CivilMonth(2026, 3), {"rep-2", "rep-1"});
  changes.Add(absl::CivilMonth(2025, 12), {"rep-1"});
  changes.Add(absl::CivilMonth(2026, 2), {});
  EXPECT_EQ(changes.ToJson().dump(),
            R"({"first_date":"2025-12-01","last_date":"2026-03-31",)"
            R"("months":["2025-12","2026-02","2026-03"],"seller_ids":["rep-1","rep-2"]})");
}

TEST(ChangeSummaryTest, TooManySellersBecomeAllSellers) {
  ChangeSummary changes;
  for (size_t i = 0; i <= ChangeSummary::kMaxListedSellers; ++i) {
    changes.Add(absl::CivilMonth(2026, 1), {"rep-" + std::to_string(i)});
  }
  const nlohmann::json json = changes.ToJson();
  EXPECT_TRUE(json.at("all_sellers").get<bool>());
  EXPECT_FALSE(json.contains("seller_ids"));
}

TEST(ChangeSummaryTest, EventPayloadCarriesCountsAndChanges) {
  ChangeSummary changes;
  changes.Add(absl::CivilMonth(2026, 1), {"rep-1"});
  ImportCounts counts{.received = 5, .inserted = 2, .new_versions = 1, .unchanged = 1,
                      .rejected = 1};
  const nlohmann::json payload = ImportEventPayload(42, "req-1", {"crm"}, counts, changes);
  EXPECT_EQ(payload.at("import_id"), 42);
  EXPECT_EQ(payload.at("request_id"), "req-1");
  EXPECT_EQ(payload.at("source_systems"), nlohmann::json::array({"crm"}));
  EXPECT_EQ(payload.at("received_count"), 5);
  EXPECT_EQ(payload.at("inserted_count"), 2);
  EXPECT_EQ(payload.at("new_version_count"), 1);
  EXPECT_EQ(payload.at("unchanged_count"), 1);
  EXPECT_EQ(payload.at("rejected_count"), 1);
  EXPECT_EQ(payload.at("months"), nlohmann::json::array({"2026-01"}));
}

}  // namespace
}  // namespace attain::compensation::transactions
