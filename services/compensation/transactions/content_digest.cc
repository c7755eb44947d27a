#include "services/compensation/transactions/content_digest.h"

#include <openssl/evp.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <tuple>
#include <vector>

namespace attain::compensation::transactions {
namespace {

// Bump when the encoding below changes; stored digests then all differ once, which is why
// the encoding only ever changes with a migration that recomputes them.
constexpr char kEncodingVersion[] = "attain.transaction.v1";

// Hash pending fields once they pass this size (a row's fields stay well below it).
constexpr size_t kFlushBytes = 64 << 10;

// Fetched once: with OpenSSL 3, initializing from EVP_sha256() looks the implementation up
// again every time, which costs more than hashing a row.
const EVP_MD* Sha256Md() {
  static const EVP_MD* const kMd = [] {
    EVP_MD* md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    if (md == nullptr) std::abort();  // a crypto library without SHA-256
    return md;
  }();
  return kMd;
}

}  // namespace

Sha256::Sha256() : context_(EVP_MD_CTX_new()) {
  // Out of memory or a crypto library without SHA-256: nothing sensible to continue with.
  if (context_ == nullptr || EVP_DigestInit_ex2(context_, Sha256Md(), nullptr) != 1) std::abort();
  pending_.reserve(kFlushBytes + 4096);
}

Sha256::~Sha256() { EVP_MD_CTX_free(context_); }

void Sha256::Flush() {
  if (EVP_DigestUpdate(context_, pending_.data(), pending_.size()) != 1) std::abort();
  pending_.clear();
}

void Sha256::Field(std::string_view bytes) {
  // "<decimal length>:" keeps the encoding the same on every platform.
  char prefix[24];
  char* end = std::to_chars(prefix, prefix + sizeof(prefix) - 1, bytes.size()).ptr;
  *end++ = ':';
  pending_.append(prefix, end - prefix);
  pending_.append(bytes);
  if (pending_.size() >= kFlushBytes) Flush();
}

void Sha256::Number(int64_t value) {
  char text[24];
  Field(std::string_view(text, std::to_chars(text, text + sizeof(text), value).ptr - text));
}

std::array<uint8_t, 32> Sha256::Finish() {
  Flush();
  std::array<uint8_t, 32> out;
  unsigned int length = 0;
  if (EVP_DigestFinal_ex(context_, out.data(), &length) != 1 || length != out.size() ||
      EVP_DigestInit_ex2(context_, Sha256Md(), nullptr) != 1) {
    std::abort();
  }
  return out;
}

Digest ContentDigest(const Transaction& t, Sha256& hasher) {
  // Decimals enter as their exact micro-unit counts, absent ones as an empty field.
  const auto optional_decimal = [&hasher](const std::optional<money::Decimal>& value) {
    if (value) {
      hasher.Number(value->micros());
    } else {
      hasher.Field("");
    }
  };
  hasher.Field(kEncodingVersion);
  hasher.Field(TypeName(t.type));
  hasher.Number(t.date.year());
  hasher.Number(t.date.month());
  hasher.Number(t.date.day());
  hasher.Field(t.account_id);
  hasher.Field(t.product_id);
  hasher.Number(t.amount.micros());
  hasher.Field(t.currency);
  optional_decimal(t.quantity);
  optional_decimal(t.margin);
  hasher.Field(t.owner_seller_id);
  // The same credit however the source ordered the splits: primary ones, then overlays,
  // each by seller.
  std::vector<const CreditSplit*> splits;
  splits.reserve(t.splits.size());
  for (const CreditSplit& split : t.splits) splits.push_back(&split);
  std::sort(splits.begin(), splits.end(), [](const CreditSplit* a, const CreditSplit* b) {
    return std::tie(a->overlay, a->seller_id) < std::tie(b->overlay, b->seller_id);
  });
  hasher.Number(static_cast<int64_t>(splits.size()));
  for (const CreditSplit* split : splits) {
    hasher.Field(split->seller_id);
    hasher.Number(split->percent.micros());
    hasher.Field(split->overlay ? "overlay" : "primary");
  }
  hasher.Number(static_cast<int64_t>(t.attributes.size()));
  for (const auto& [key, value] : t.attributes) {
    hasher.Field(key);
    hasher.Field(value);
  }
  // Only when set, so digests of transactions stored before the field existed stay valid
  // (the attribute count before it keeps the encoding unambiguous).
  if (!t.original_transaction_id.empty()) hasher.Field(t.original_transaction_id);
  const std::array<uint8_t, 32> full = hasher.Finish();
  Digest digest;
  std::memcpy(digest.data(), full.data(), digest.size());
  return digest;
}

void AppendDigestHex(const Digest& digest, std::string* out) {
  static constexpr char kHex[] = "0123456789abcdef";
  for (uint8_t byte : digest) {
    out->push_back(kHex[byte >> 4]);
    out->push_back(kHex[byte & 0xf]);
  }
}

}  // namespace attain::compensation::transactions
