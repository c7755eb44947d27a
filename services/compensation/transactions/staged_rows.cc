#include "services/compensation/transactions/staged_rows.h"

#include <algorithm>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"

namespace attain::compensation::transactions {
namespace {

constexpr size_t kBlockBytes = 8 << 20;
const absl::CivilMonth kEpochMonth(1970, 1);

// Flags by interned index for the ids planning reported missing.
std::vector<bool> Flags(const Interner& interner, const std::vector<std::string>& missing) {
  const absl::flat_hash_set<std::string> absent(missing.begin(), missing.end());
  std::vector<bool> flags(interner.values().size());
  for (size_t i = 0; i < flags.size(); ++i) flags[i] = absent.contains(interner.value(i));
  return flags;
}

}  // namespace

uint32_t Interner::Intern(std::string_view value) {
  // Debian's Abseil has its own string_view, which the map's heterogeneous lookup takes.
  auto [it, fresh] = index_.try_emplace(absl::string_view(value.data(), value.size()),
                                        static_cast<uint32_t>(values_.size()));
  if (fresh) values_.emplace_back(value);
  return it->second;
}

ByteArena::Ref ByteArena::Append(std::string_view bytes) {
  // Bytes larger than a block get a block of their own.
  if (blocks_.empty() || blocks_.back().size() + bytes.size() > blocks_.back().capacity()) {
    blocks_.emplace_back().reserve(std::max(kBlockBytes, bytes.size()));
  }
  std::string& block = blocks_.back();
  const Ref ref{static_cast<uint32_t>(blocks_.size() - 1), static_cast<uint32_t>(block.size()),
                static_cast<uint32_t>(bytes.size())};
  block.append(bytes);
  return ref;
}

void StagedRows::Add(int64_t row_number, const Transaction& transaction, const Digest& digest,
                     std::string_view copy_fields) {
  Row& row = rows_.emplace_back();
  row.row_number = row_number;
  row.source = sources_.Intern(transaction.key.source_system);
  row.id = bytes_.Append(transaction.key.transaction_id);
  row.fields = bytes_.Append(copy_fields);
  row.digest = digest;
  row.account = accounts_.Intern(transaction.account_id);
  row.product = products_.Intern(transaction.product_id);
  row.sellers_begin = static_cast<uint32_t>(seller_refs_.size());
  row.has_owner = !transaction.owner_seller_id.empty();
  if (row.has_owner) seller_refs_.push_back(sellers_.Intern(transaction.owner_seller_id));
  for (const CreditSplit& split : transaction.splits) {
    seller_refs_.push_back(sellers_.Intern(split.seller_id));
  }
  row.seller_count = static_cast<uint16_t>(seller_refs_.size() - row.sellers_begin);
  row.month = static_cast<int32_t>(absl::CivilMonth(transaction.date) - kEpochMonth);
}

absl::CivilMonth StagedRows::month(size_t i) const { return kEpochMonth + rows_[i].month; }

std::vector<std::string> StagedRows::seller_ids(size_t i) const {
  const Row& row = rows_[i];
  std::vector<std::string> ids;
  ids.reserve(row.seller_count);
  for (uint32_t k = 0; k < row.seller_count; ++k) {
    ids.push_back(sellers_.value(seller_refs_[row.sellers_begin + k]));
  }
  return ids;
}

ReferenceIds StagedRows::References() const {
  return ReferenceIds{accounts_.values(), products_.values(), sellers_.values()};
}

std::vector<RowError> StagedRows::RejectMissing(const ReferenceIds& missing) {
  std::vector<RowError> errors;
  if (missing.account_ids.empty() && missing.product_ids.empty() &&
      missing.seller_ids.empty()) {
    return errors;
  }
  const std::vector<bool> bad_account = Flags(accounts_, missing.account_ids);
  const std::vector<bool> bad_product = Flags(products_, missing.product_ids);
  const std::vector<bool> bad_seller = Flags(sellers_, missing.seller_ids);
  for (Row& row : rows_) {
    const size_t before = errors.size();
    if (bad_account[row.account]) {
      errors.push_back({row.row_number, "account_id",
                        absl::StrCat("names account ", accounts_.value(row.account),
                                     ", which does not exist")});
    }
    if (bad_product[row.product]) {
      errors.push_back({row.row_number, "product_id",
                        absl::StrCat("names product ", products_.value(row.product),
                                     ", which does not exist")});
    }
    for (uint32_t k = 0; k < row.seller_count; ++k) {
      const uint32_t seller = seller_refs_[row.sellers_begin + k];
      if (!bad_seller[seller]) continue;
      const bool owner = row.has_owner && k == 0;
      errors.push_back(
          {row.row_number,
           owner ? std::string("owner_seller_id")
                 : absl::StrCat("splits[", k - (row.has_owner ? 1 : 0), "].seller_id"),
           absl::StrCat("names seller ", sellers_.value(seller), ", who does not exist")});
    }
    if (errors.size() != before && !row.rejected) {
      row.rejected = true;
      ++rejected_count_;
    }
  }
  return errors;
}

}  // namespace attain::compensation::transactions
