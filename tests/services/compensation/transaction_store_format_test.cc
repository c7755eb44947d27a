// The binary COPY rows the import streams into the transactions table, byte for byte as
// PostgreSQL's *_recv functions read them.
#include <gtest/gtest.h>

#include "services/compensation/store/copy_binary.h"
#include "services/compensation/store/transaction_store.h"

namespace attain::compensation::store {
namespace {

using money::Decimal;

std::string Hex(const std::string& bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 0xf]);
  }
  return out;
}

std::string Numeric(const char* text) {
  std::string out;
  copy_binary::AppendNumeric(Decimal::Parse(text).value(), &out);
  return Hex(out);
}

// Length 8 + 2 * ndigits, then ndigits, weight, sign (0000 / 4000), dscale 6, base-10000 digits.
TEST(CopyBinaryTest, NumericsAreBaseTenThousandDigitsWithScaleSix) {
  EXPECT_EQ(Numeric("0"), "00000008" "0000" "0000" "0000" "0006");
  // 12345.67 = 1 2345 . 6700
  EXPECT_EQ(Numeric("12345.67"), "0000000e" "0003" "0001" "0000" "0006" "0001" "0929" "1a2c");
  // -0.5 = .5000, weight -1
  EXPECT_EQ(Numeric("-0.5"), "0000000a" "0001" "ffff" "4000" "0006" "1388");
  // 0.000001 = .0000 0100: the leading zero group dropped, weight -2
  EXPECT_EQ(Numeric("0.000001"), "0000000a" "0001" "fffe" "0000" "0006" "0064");
  // 10000 = 1 0000: the trailing zero group dropped
  EXPECT_EQ(Numeric("10000"), "0000000a" "0001" "0001" "0000" "0006" "0001");
  // The largest Decimal, 9223372036854.775807 = 9 2233 7203 6854 . 7758 0700
  EXPECT_EQ(Numeric("-9223372036854.775807"),
            "00000014" "0006" "0003" "4000" "0006" "0009" "08b9" "1c23" "1ac6" "1e4e" "02bc");
}

TEST(CopyBinaryTest, DatesAreDaysSince2000AndTextIsLengthPrefixed) {
  std::string out;
  copy_binary::AppendDate(absl::CivilDay(2000, 1, 1), &out);
  copy_binary::AppendDate(absl::CivilDay(1999, 12, 31), &out);
  copy_binary::AppendDate(absl::CivilDay(2026, 3, 15), &out);  // 9570 days later
  copy_binary::AppendText("crm", &out);
  copy_binary::AppendNull(&out);
  EXPECT_EQ(Hex(out), "00000004" "00000000" "00000004" "ffffffff" "00000004" "00002562"
                      "00000003" "63726d" "ffffffff");
}

TEST(CopyBinaryTest, StreamHasSignatureAndTrailer) {
  std::string out;
  copy_binary::AppendHeader(&out);
  copy_binary::AppendTrailer(&out);
  EXPECT_EQ(Hex(out), "5047434f50590aff0d0a00" "00000000" "00000000" "ffff");
}

TEST(CopyBinaryTest, TransactionRowHasEveryStoredColumnInOrder) {
  Transaction t;
  t.key = {"crm", "SO-1"};
  t.type = transactions::TransactionType::kRefund;
  t.date = absl::CivilDay(2000, 1, 2);
  t.account_id = "a";
  t.product_id = "p";
  t.amount = Decimal::Parse("-100.5").value();
  t.currency = "USD";
  t.quantity = Decimal::Parse("-2").value();
  t.owner_seller_id = "r";
  t.splits = {{"r", Decimal::FromUnits(100), false}};
  t.attributes = {{"n", "tab\there \"q\""}};
  t.original_transaction_id = "SO-0";
  transactions::Digest digest{};
  digest[15] = 0xab;
  std::string row;
  AppendTransactionFields(t, digest, &row);
  AppendImportAndVersion(7, 2, &row);
  const std::string splits = R"([{"seller_id":"r","percent":"100","overlay":false}])";
  const std::string attributes = R"({"n":"tab\u0009here \"q\""})";
  auto text = [](const std::string& s) {
    std::string out;
    copy_binary::AppendText(s, &out);
    return Hex(out);
  };
  EXPECT_EQ(Hex(row), "0011" + text("crm") + text("SO-1") + text("REFUND") +
                          "00000004" "00000001" + text("a") + text("p") + Numeric("-100.5") +
                          text("USD") + Numeric("-2") + "ffffffff" + text("r") + text(splits) +
                          text(attributes) + text("SO-0") + "00000010" "000000000000000000000000000000ab" +
                          "00000008" "0000000000000007" "00000004" "00000002");
}

}  // namespace
}  // namespace attain::compensation::store
