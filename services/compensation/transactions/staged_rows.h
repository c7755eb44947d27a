#pragma once
// A chunk of an import's valid rows, held compactly until they are written: each row's
// binary COPY bytes, digest, key and interned references, so a chunk of many thousand rows
// keeps neither protobuf messages nor parsed transactions, and its references are checked
// in one batch. Pure: no SQL, no gRPC.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/time/civil_time.h"
#include "services/compensation/transactions/content_digest.h"
#include "services/compensation/transactions/references.h"
#include "services/compensation/transactions/transaction.h"
#include "services/compensation/transactions/transaction_validation.h"

namespace attain::compensation::transactions {

// Dense indexes for repeated strings (a million rows name a few thousand accounts).
class Interner {
 public:
  uint32_t Intern(std::string_view value);
  const std::string& value(uint32_t index) const { return values_[index]; }
  const std::vector<std::string>& values() const { return values_; }

 private:
  absl::flat_hash_map<std::string, uint32_t> index_;
  std::vector<std::string> values_;
};

// Append-only byte storage in fixed blocks, so growing never copies what is stored.
class ByteArena {
 public:
  struct Ref {
    uint32_t block = 0;
    uint32_t offset = 0;
    uint32_t size = 0;
  };
  Ref Append(std::string_view bytes);
  std::string_view View(Ref ref) const {
    return std::string_view(blocks_[ref.block]).substr(ref.offset, ref.size);
  }

 private:
  std::vector<std::string> blocks_;
};

class StagedRows {
 public:
  // Stages a valid row whose stored columns are `copy_fields` (repeated keys are the
  // caller's to reject, across chunks: ImportKeys).
  void Add(int64_t row_number, const Transaction& transaction, const Digest& digest,
           std::string_view copy_fields);

  size_t size() const { return rows_.size(); }
  int64_t row_number(size_t i) const { return rows_[i].row_number; }
  const std::string& source_system(size_t i) const { return sources_.value(rows_[i].source); }
  std::string_view transaction_id(size_t i) const { return bytes_.View(rows_[i].id); }
  const Digest& digest(size_t i) const { return rows_[i].digest; }
  std::string_view copy_fields(size_t i) const { return bytes_.View(rows_[i].fields); }
  absl::CivilMonth month(size_t i) const;
  // The owner and split sellers of row i, owner first.
  std::vector<std::string> seller_ids(size_t i) const;
  bool rejected(size_t i) const { return rows_[i].rejected; }
  size_t rejected_count() const { return rejected_count_; }
  // Every distinct source system, in order of first appearance.
  const std::vector<std::string>& source_systems() const { return sources_.values(); }

  // Every distinct account, product and seller id the rows name, for one batch check.
  ReferenceIds References() const;
  // Rejects each row naming an id in `missing`, with one error per missing reference
  // ("account_id", "owner_seller_id", "splits[1].seller_id").
  std::vector<RowError> RejectMissing(const ReferenceIds& missing);

 private:
  struct Row {
    int64_t row_number = 0;
    ByteArena::Ref id;
    ByteArena::Ref fields;
    Digest digest{};
    uint32_t source = 0;
    uint32_t account = 0;
    uint32_t product = 0;
    uint32_t sellers_begin = 0;  // into seller_refs_
    uint16_t seller_count = 0;
    bool has_owner = false;      // seller_refs_[sellers_begin] is the owner
    bool rejected = false;
    int32_t month = 0;           // months since 1970-01
  };

  std::vector<Row> rows_;
  ByteArena bytes_;
  Interner sources_;
  Interner accounts_;
  Interner products_;
  Interner sellers_;
  std::vector<uint32_t> seller_refs_;
  size_t rejected_count_ = 0;
};

}  // namespace attain::compensation::transactions
