#include "services/compensation/transactions/import_keys.h"

#include "absl/hash/hash.h"

namespace attain::compensation::transactions {
namespace {

constexpr size_t kBlockBytes = 4 << 20;

}  // namespace

ImportKeys::ImportKeys() : set_(0, EntryHash{this}, EntryEq{this}) {}

bool ImportKeys::EntryEq::operator()(uint32_t a, uint32_t b) const {
  const Entry& x = keys->entries_[a];
  const Entry& y = keys->entries_[b];
  return x.hash == y.hash && x.source == y.source && keys->Id(x) == keys->Id(y);
}

std::optional<int64_t> ImportKeys::Claim(const TransactionKey& key, int64_t row_number) {
  // Debian's Abseil has its own string_view, which the map's heterogeneous lookup takes.
  const absl::string_view source(key.source_system.data(), key.source_system.size());
  auto [source_it, fresh_source] =
      source_index_.try_emplace(source, static_cast<uint32_t>(source_index_.size()));
  Entry entry;
  entry.source = source_it->second;
  entry.row_number = row_number;
  entry.hash = absl::HashOf(entry.source,
                            absl::string_view(key.transaction_id.data(), key.transaction_id.size()));
  const size_t id_size = key.transaction_id.size();
  if (id_blocks_.empty() || id_blocks_.back().size() + id_size > id_blocks_.back().capacity()) {
    id_blocks_.emplace_back().reserve(std::max(kBlockBytes, id_size));
  }
  std::string& block = id_blocks_.back();
  entry.id_block = static_cast<uint32_t>(id_blocks_.size() - 1);
  entry.id_offset = static_cast<uint32_t>(block.size());
  entry.id_size = static_cast<uint32_t>(id_size);
  block.append(key.transaction_id);
  entries_.push_back(entry);
  if (auto [it, fresh] = set_.insert(static_cast<uint32_t>(entries_.size() - 1)); !fresh) {
    // The id just appended stays in its block unused; repeats are rare.
    entries_.pop_back();
    return entries_[*it].row_number;
  }
  return std::nullopt;
}

}  // namespace attain::compensation::transactions
