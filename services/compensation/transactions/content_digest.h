#pragma once
// Change detection for re-imported transactions. A row's digest is the first 16 bytes of the
// SHA-256 of a canonical, versioned encoding of its business content (everything but the key
// and the import bookkeeping), so "the same row again" is recognised without reading the
// stored row back, and a change to how rows are stored never makes every transaction look
// changed. Collisions are not a practical concern at 128 bits for non-adversarial data.

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "services/compensation/transactions/transaction.h"

struct evp_md_ctx_st;

namespace attain::compensation::transactions {

using Digest = std::array<uint8_t, 16>;

// Incremental SHA-256 over length-prefixed fields. Fields collect in a buffer that is hashed
// in large pieces (a row's two dozen small fields cost one hashing call, not two dozen). One
// object is reused for many messages; Finish starts the next.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  // Length-prefixed, so consecutive fields can never run into each other.
  void Field(std::string_view bytes);
  void Number(int64_t value);
  std::array<uint8_t, 32> Finish();

 private:
  void Flush();
  evp_md_ctx_st* context_;
  std::string pending_;
};

// The digest of `transaction`'s content (not its key). `hasher` is scratch space.
Digest ContentDigest(const Transaction& transaction, Sha256& hasher);

// Appends lower-case hex, as PostgreSQL's encode(..., 'hex') prints it.
void AppendDigestHex(const Digest& digest, std::string* out);

}  // namespace attain::compensation::transactions
