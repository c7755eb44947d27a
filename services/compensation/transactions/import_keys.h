#pragma once
// The (source_system, transaction_id) keys an import has accepted so far, so a key repeated
// anywhere in the stream is rejected at its second row. Compact: a million keys cost a few
// dozen megabytes, not a million strings and hash nodes.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "services/compensation/transactions/transaction.h"

namespace attain::compensation::transactions {

class ImportKeys {
 public:
  ImportKeys();
  ImportKeys(const ImportKeys&) = delete;
  ImportKeys& operator=(const ImportKeys&) = delete;

  // Records `key` for `row_number`; when the key was recorded before, records nothing and
  // returns the earlier row's number.
  std::optional<int64_t> Claim(const TransactionKey& key, int64_t row_number);
  size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    uint32_t source = 0;     // index into sources_
    uint32_t id_offset = 0;  // into the block ids_[id_block]
    uint32_t id_block = 0;
    uint32_t id_size = 0;
    int64_t row_number = 0;
    size_t hash = 0;
  };
  struct EntryHash {
    const ImportKeys* keys;
    size_t operator()(uint32_t i) const { return keys->entries_[i].hash; }
  };
  struct EntryEq {
    const ImportKeys* keys;
    bool operator()(uint32_t a, uint32_t b) const;
  };
  std::string_view Id(const Entry& entry) const {
    return std::string_view(id_blocks_[entry.id_block]).substr(entry.id_offset, entry.id_size);
  }

  absl::flat_hash_map<std::string, uint32_t> source_index_;
  std::vector<Entry> entries_;
  // Ids in fixed-capacity blocks, so storing more never moves what is stored.
  std::vector<std::string> id_blocks_;
  absl::flat_hash_set<uint32_t, EntryHash, EntryEq> set_;
};

}  // namespace attain::compensation::transactions
